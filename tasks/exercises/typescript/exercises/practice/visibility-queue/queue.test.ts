import { test } from "node:test";
import assert from "node:assert/strict";
import { ManualClock } from "./clock";
import { Queue } from "./queue";

function setup(maxReceives = 3) {
  const clock = new ManualClock(1000);
  return { clock, queue: new Queue(clock, { visibilityTimeoutMs: 30, maxReceives }) };
}

test("manual clock", () => {
  const clock = new ManualClock();
  assert.equal(clock.now(), 0);
  clock.advance(25);
  assert.equal(clock.now(), 25);
  assert.throws(() => clock.advance(-1), RangeError);
});

test("options are checked", () => {
  const clock = new ManualClock();
  assert.throws(() => new Queue(clock, { visibilityTimeoutMs: 0, maxReceives: 3 }), RangeError);
  assert.throws(() => new Queue(clock, { visibilityTimeoutMs: 10, maxReceives: 1.5 }), RangeError);
});

test("messages come out oldest first, up to max, with receipts", () => {
  const { queue } = setup();
  assert.deepEqual(["a", "b", "c"].map((b) => queue.send(b)), ["m1", "m2", "m3"]);
  assert.deepEqual(queue.receive(2), [
    { id: "m1", body: "a", receipt: "m1#1", receiveCount: 1 },
    { id: "m2", body: "b", receipt: "m2#1", receiveCount: 1 },
  ]);
  assert.deepEqual(queue.receive(5).map((d) => d.id), ["m3"]);
  assert.deepEqual(queue.receive(), []);
  assert.equal(queue.size(), 3);
});

test("in-flight messages come back exactly when their timeout expires", () => {
  const { clock, queue } = setup();
  queue.send("a");
  queue.receive();
  clock.advance(29);
  assert.deepEqual(queue.receive(), []);
  clock.advance(1);
  assert.deepEqual(queue.receive(), [{ id: "m1", body: "a", receipt: "m1#2", receiveCount: 2 }]);
});

test("delete takes the current receipt only, even once expired", () => {
  const { clock, queue } = setup();
  queue.send("a");
  queue.send("b");
  const [first] = queue.receive();
  clock.advance(30);
  const [again] = queue.receive();
  assert.equal(again!.id, "m1");
  assert.equal(queue.delete(first!.receipt), false);
  clock.advance(100);
  assert.equal(queue.delete(again!.receipt), true);
  assert.equal(queue.delete(again!.receipt), false);
  assert.equal(queue.delete("m9#1"), false);
  assert.equal(queue.size(), 1);
  assert.deepEqual(queue.receive().map((d) => d.body), ["b"]);
});

test("messages received maxReceives times move to the dead letters", () => {
  const { clock, queue } = setup(2);
  queue.send("poison");
  queue.send("fine");
  assert.deepEqual(queue.receive(2).map((d) => d.receiveCount), [1, 1]);
  clock.advance(30);
  assert.deepEqual(queue.receive(1).map((d) => d.receipt), ["m1#2"]);
  clock.advance(30);
  const next = queue.receive(1);
  assert.deepEqual(next.map((d) => d.receipt), ["m2#2"]);
  assert.deepEqual(queue.deadLetters(), ["poison"]);
  assert.equal(queue.size(), 1);
  assert.equal(queue.delete("m1#2"), false);
});
