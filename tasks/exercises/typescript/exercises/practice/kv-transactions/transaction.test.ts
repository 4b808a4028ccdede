import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { KeyValueStore } from "./store";
import { TransactionalStore } from "./transaction";

describe("KeyValueStore", () => {
  test("get, set, delete, count, keys", () => {
    const store = new KeyValueStore();
    assert.equal(store.get("a"), undefined);
    store.set("b", "1");
    store.set("a", "1");
    store.set("c", "2");
    assert.equal(store.get("a"), "1");
    assert.equal(store.count("1"), 2);
    assert.deepEqual(store.keys(), ["a", "b", "c"]);
    assert.equal(store.delete("a"), true);
    assert.equal(store.delete("a"), false);
    assert.equal(store.count("1"), 1);
  });
});

describe("TransactionalStore", () => {
  function setup() {
    const store = new KeyValueStore();
    store.set("x", "10");
    return { store, tx: new TransactionalStore(store) };
  }

  test("without a transaction, changes go straight through", () => {
    const { store, tx } = setup();
    tx.set("y", "20");
    assert.equal(store.get("y"), "20");
    assert.equal(tx.delete("x"), true);
    assert.equal(store.get("x"), undefined);
    assert.throws(() => tx.commit(), Error);
    assert.throws(() => tx.rollback(), Error);
  });

  test("a transaction is invisible to the store until it commits", () => {
    const { store, tx } = setup();
    tx.begin();
    tx.set("x", "11");
    tx.set("y", "1");
    assert.equal(tx.get("x"), "11");
    assert.equal(store.get("x"), "10");
    assert.equal(store.get("y"), undefined);
    tx.commit();
    assert.equal(store.get("x"), "11");
    assert.equal(store.get("y"), "1");
    assert.equal(tx.depth(), 0);
  });

  test("rollback forgets the changes", () => {
    const { store, tx } = setup();
    tx.begin();
    tx.set("x", "99");
    tx.delete("x");
    tx.rollback();
    assert.equal(tx.get("x"), "10");
    assert.deepEqual(store.keys(), ["x"]);
  });

  test("deletions hide keys in reads", () => {
    const { tx } = setup();
    tx.set("y", "10");
    tx.begin();
    assert.equal(tx.delete("x"), true);
    assert.equal(tx.delete("x"), false);
    assert.equal(tx.get("x"), undefined);
    assert.equal(tx.count("10"), 1);
    assert.deepEqual(tx.keys(), ["y"]);
    tx.set("x", "10");
    assert.equal(tx.count("10"), 2);
  });

  test("nested commits fold into the outer transaction", () => {
    const { store, tx } = setup();
    tx.begin();
    tx.set("a", "1");
    tx.begin();
    tx.set("a", "2");
    tx.set("b", "2");
    assert.equal(tx.depth(), 2);
    tx.commit();
    assert.equal(store.get("a"), undefined);
    assert.equal(tx.get("a"), "2");
    tx.rollback();
    assert.equal(tx.get("a"), undefined);
    assert.equal(tx.get("b"), undefined);
    assert.deepEqual(store.keys(), ["x"]);
  });

  test("an inner rollback keeps the outer changes", () => {
    const { store, tx } = setup();
    tx.begin();
    tx.set("a", "1");
    tx.delete("x");
    tx.begin();
    tx.set("a", "2");
    tx.set("x", "3");
    assert.equal(tx.count("2"), 1);
    tx.rollback();
    assert.equal(tx.get("a"), "1");
    assert.equal(tx.get("x"), undefined);
    assert.equal(tx.depth(), 1);
    tx.commit();
    assert.deepEqual(store.keys(), ["a"]);
    assert.equal(store.get("a"), "1");
  });
});
