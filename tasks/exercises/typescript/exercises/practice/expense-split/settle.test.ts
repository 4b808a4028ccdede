import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { balances, settle } from "./settle";
import { splitByShares, splitEvenly } from "./split";

describe("splitting", () => {
  test("evenly, the leftover cents going alphabetically", () => {
    assert.deepEqual(splitEvenly(1000, ["carol", "alice", "bob"]), { carol: 333, alice: 334, bob: 333 });
    assert.deepEqual(splitEvenly(1001, ["carol", "alice", "bob"]), { carol: 333, alice: 334, bob: 334 });
    assert.deepEqual(splitEvenly(0, ["x"]), { x: 0 });
    assert.deepEqual(splitEvenly(2, ["b", "a", "c", "d"]), { b: 1, a: 1, c: 0, d: 0 });
  });

  test("by shares, leftovers to the largest dropped fractions", () => {
    assert.deepEqual(splitByShares(1000, { alice: 1, bob: 2 }), { alice: 333, bob: 667 });
    assert.deepEqual(splitByShares(100, { a: 1, b: 1, c: 1 }), { a: 34, b: 33, c: 33 });
    assert.deepEqual(splitByShares(10, { x: 3, y: 3, z: 1 }), { x: 4, y: 4, z: 2 });
    assert.deepEqual(splitByShares(5, { z: 2, y: 2 }), { z: 2, y: 3 });
  });

  test("bad input", () => {
    assert.throws(() => splitEvenly(-1, ["a"]), RangeError);
    assert.throws(() => splitEvenly(1.5, ["a"]), RangeError);
    assert.throws(() => splitEvenly(10, []), Error);
    assert.throws(() => splitEvenly(10, ["a", "a"]), Error);
    assert.throws(() => splitByShares(10, { a: 0 }), RangeError);
    assert.throws(() => splitByShares(10, { a: 1.5 }), RangeError);
    assert.throws(() => splitByShares(10, {}), Error);
  });
});

describe("settling up", () => {
  test("balances net what was paid against what is owed", () => {
    const result = balances([
      { payer: "alice", cents: 3000, split: splitEvenly(3000, ["alice", "bob", "carol"]) },
      { payer: "bob", cents: 1200, split: { carol: 1200 } },
      { payer: "dave", cents: 0, split: {} },
    ]);
    assert.deepEqual(result, { alice: 2000, bob: 200, carol: -2200, dave: 0 });
    assert.throws(() => balances([{ payer: "a", cents: 100, split: { b: 99 } }]), Error);
  });

  test("the largest debtor pays the largest creditor first", () => {
    assert.deepEqual(settle({ alice: 2000, bob: 200, carol: -2200, dave: 0 }), [
      { from: "carol", to: "alice", cents: 2000 },
      { from: "carol", to: "bob", cents: 200 },
    ]);
    assert.deepEqual(settle({ a: -500, b: -700, c: 900, d: 300 }), [
      { from: "b", to: "c", cents: 700 },
      { from: "a", to: "d", cents: 300 },
      { from: "a", to: "c", cents: 200 },
    ]);
  });

  test("ties go alphabetically, and nothing to do gives no transfers", () => {
    assert.deepEqual(settle({ y: -100, x: -100, b: 100, a: 100 }), [
      { from: "x", to: "a", cents: 100 },
      { from: "y", to: "b", cents: 100 },
    ]);
    assert.deepEqual(settle({ a: 0 }), []);
    assert.throws(() => settle({ a: 1, b: -2 }), Error);
  });
});
