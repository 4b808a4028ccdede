import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { applyPatch, PatchError, type Json, type Operation } from "./patch";
import { formatPointer, parsePointer, PointerError } from "./pointer";

describe("pointers", () => {
  test("parse and format with escapes", () => {
    assert.deepEqual(parsePointer(""), []);
    assert.deepEqual(parsePointer("/"), [""]);
    assert.deepEqual(parsePointer("/a~1b/~0c/~01"), ["a/b", "~c", "~1"]);
    assert.equal(formatPointer(["a/b", "~c", "~1"]), "/a~1b/~0c/~01");
    assert.equal(formatPointer([]), "");
    assert.throws(() => parsePointer("a/b"), PointerError);
    assert.throws(() => parsePointer("/a~2"), PointerError);
    assert.throws(() => parsePointer("/a~"), PointerError);
  });
});

function failsAt(doc: Json, ops: Operation[], at: number): void {
  assert.throws(() => applyPatch(doc, ops), (error: unknown) => error instanceof PatchError && error.index === at);
}

describe("patches", () => {
  const doc: Json = { name: "widget", tags: ["a", "b"], dims: { w: 2, h: 3 }, "x/y": { "~": 1 } };

  test("add to objects and arrays", () => {
    assert.deepEqual(
      applyPatch(doc, [
        { op: "add", path: "/color", value: "red" },
        { op: "add", path: "/tags/1", value: "z" },
        { op: "add", path: "/tags/-", value: "end" },
        { op: "add", path: "/tags/0", value: "start" },
        { op: "add", path: "/dims/w", value: 5 },
        { op: "add", path: "/x~1y/~0", value: 2 },
      ]),
      { name: "widget", tags: ["start", "a", "z", "b", "end"], dims: { w: 5, h: 3 }, "x/y": { "~": 2 }, color: "red" },
    );
    assert.deepEqual(applyPatch(doc, [{ op: "add", path: "/tags/2", value: "c" }]), { ...(doc as object), tags: ["a", "b", "c"] });
    assert.deepEqual(applyPatch(doc, [{ op: "add", path: "", value: [1] }]), [1]);
  });

  test("remove and replace", () => {
    assert.deepEqual(applyPatch(doc, [{ op: "remove", path: "/tags/0" }, { op: "remove", path: "/dims" }, { op: "replace", path: "/name", value: null }]), {
      name: null,
      tags: ["b"],
      "x/y": { "~": 1 },
    });
    assert.deepEqual(applyPatch(doc, [{ op: "replace", path: "", value: "all" }]), "all");
  });

  test("move and copy", () => {
    assert.deepEqual(applyPatch(doc, [{ op: "move", from: "/dims/w", path: "/width" }, { op: "copy", from: "/tags", path: "/dims/tags" }]), {
      name: "widget",
      tags: ["a", "b"],
      dims: { h: 3, tags: ["a", "b"] },
      "x/y": { "~": 1 },
      width: 2,
    });
    assert.deepEqual(applyPatch({ list: [1, 2, 3] }, [{ op: "move", from: "/list/0", path: "/list/-" }]), { list: [2, 3, 1] });
    const copied = applyPatch({ a: { b: [1] } }, [{ op: "copy", from: "/a", path: "/c" }, { op: "add", path: "/c/b/-", value: 2 }]);
    assert.deepEqual(copied, { a: { b: [1] }, c: { b: [1, 2] } });
  });

  test("test compares deeply", () => {
    assert.deepEqual(applyPatch(doc, [{ op: "test", path: "/dims", value: { h: 3, w: 2 } }]), doc);
    failsAt(doc, [{ op: "test", path: "/tags", value: ["b", "a"] }], 0);
    failsAt(doc, [{ op: "test", path: "/dims/w", value: "2" }], 0);
    failsAt({ a: null }, [{ op: "test", path: "/a", value: {} }], 0);
  });

  test("errors name the failing operation", () => {
    failsAt(doc, [{ op: "add", path: "/x", value: 1 }, { op: "remove", path: "/missing" }], 1);
    failsAt(doc, [{ op: "replace", path: "/missing", value: 1 }], 0);
    failsAt(doc, [{ op: "add", path: "/tags/3", value: 1 }], 0);
    failsAt(doc, [{ op: "add", path: "/tags/01", value: 1 }], 0);
    failsAt(doc, [{ op: "add", path: "/a/b/c", value: 1 }], 0);
    failsAt(doc, [{ op: "move", from: "/dims", path: "/dims/inner" }], 0);
    failsAt(doc, [{ op: "test", path: "/name", value: "widget" }, { op: "frobnicate", path: "/name" }], 1);
    failsAt(doc, [{ op: "add", path: "no-slash", value: 1 }], 0);
  });

  test("the input document is never modified", () => {
    const original: Json = { list: [1, { deep: true }], obj: { k: "v" } };
    const snapshot = structuredClone(original);
    applyPatch(original, [
      { op: "add", path: "/list/-", value: 3 },
      { op: "replace", path: "/list/1/deep", value: false },
      { op: "remove", path: "/obj/k" },
    ]);
    failsAt(original, [{ op: "remove", path: "/list/0" }, { op: "remove", path: "/nope" }], 1);
    assert.deepEqual(original, snapshot);
  });
});
