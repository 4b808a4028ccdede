import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { EventBus } from "./bus";
import { isValidPattern, isValidTopic, topicMatches } from "./topic";

describe("topics", () => {
  test("valid topics and patterns", () => {
    assert.equal(isValidTopic("orders.eu-west.created_v2"), true);
    for (const bad of ["", "orders.", ".orders", "orders..x", "Orders", "orders.*", "orders.#", "a b"]) assert.equal(isValidTopic(bad), false, bad);
    assert.equal(isValidPattern("orders.*.#"), true);
    for (const bad of ["", "orders.**", "orders.#x", "a..b"]) assert.equal(isValidPattern(bad), false, bad);
  });

  test("* is exactly one word", () => {
    assert.equal(topicMatches("orders.*", "orders.created"), true);
    assert.equal(topicMatches("orders.*", "orders"), false);
    assert.equal(topicMatches("orders.*", "orders.eu.created"), false);
    assert.equal(topicMatches("*.*.created", "orders.eu.created"), true);
  });

  test("# is zero or more words", () => {
    assert.equal(topicMatches("orders.#", "orders"), true);
    assert.equal(topicMatches("orders.#", "orders.eu.created"), true);
    assert.equal(topicMatches("#", "anything.at.all"), true);
    assert.equal(topicMatches("#.created", "created"), true);
    assert.equal(topicMatches("#.created", "orders.eu.created"), true);
    assert.equal(topicMatches("orders.#.created", "orders.created"), true);
    assert.equal(topicMatches("orders.#.created", "orders.created.late"), false);
    assert.equal(topicMatches("#.#", "a"), true);
  });

  test("invalid input throws", () => {
    assert.throws(() => topicMatches("orders.**", "orders.x"), Error);
    assert.throws(() => topicMatches("orders.*", "orders..x"), Error);
  });
});

describe("bus", () => {
  test("delivers to matching subscribers in subscription order", () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe("orders.#", (p, t) => seen.push(`all:${t}:${String(p)}`));
    bus.subscribe("orders.*", (p) => seen.push(`one:${String(p)}`));
    bus.subscribe("users.*", () => seen.push("users"));
    assert.equal(bus.publish("orders.created", 7), 2);
    assert.equal(bus.publish("orders", 8), 1);
    assert.deepEqual(seen, ["all:orders.created:7", "one:7", "all:orders:8"]);
    assert.throws(() => bus.subscribe("bad..pattern", () => {}), Error);
    assert.throws(() => bus.publish("orders.*", 1), Error);
  });

  test("unsubscribe, and once", () => {
    const bus = new EventBus();
    const seen: number[] = [];
    const off = bus.subscribe("a", (p) => seen.push(p as number));
    bus.once("a", (p) => seen.push(-(p as number)));
    bus.publish("a", 1);
    off();
    off();
    assert.equal(bus.publish("a", 2), 0);
    assert.deepEqual(seen, [1, -1]);
  });

  test("a once handler that publishes again is not called again", () => {
    const bus = new EventBus();
    let calls = 0;
    bus.once("ping", () => {
      calls++;
      bus.publish("ping", null);
    });
    assert.equal(bus.publish("ping", null), 1);
    assert.equal(calls, 1);
  });

  test("changes made during a publish", () => {
    const bus = new EventBus();
    const seen: string[] = [];
    let offLater = () => {};
    bus.subscribe("x", () => {
      seen.push("first");
      bus.subscribe("x", () => seen.push("added"));
      offLater();
    });
    offLater = bus.subscribe("x", () => seen.push("removed"));
    assert.equal(bus.publish("x", null), 1);
    assert.deepEqual(seen, ["first"]);
    bus.publish("x", null);
    assert.deepEqual(seen, ["first", "first", "added"]);
  });

  test("errors do not stop other handlers", () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe("x", () => {
      throw new Error("one");
    });
    bus.subscribe("x", () => seen.push("ran"));
    bus.subscribe("x", () => {
      throw new Error("two");
    });
    assert.throws(
      () => bus.publish("x", null),
      (error: unknown) => error instanceof AggregateError && error.errors.map((e: Error) => e.message).join() === "one,two",
    );
    assert.deepEqual(seen, ["ran"]);
    const reported: string[] = [];
    const quiet = new EventBus({ onError: (error, topic) => reported.push(`${topic}:${(error as Error).message}`) });
    quiet.subscribe("y.*", () => {
      throw new Error("boom");
    });
    assert.equal(quiet.publish("y.z", null), 1);
    assert.deepEqual(reported, ["y.z:boom"]);
  });
});
