import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { integer, maxLength, minLength, oneOf, pattern, required } from "./rules";
import { each, validate, type Schema } from "./validate";

describe("rules", () => {
  test("each rule and its message", () => {
    assert.equal(required()(""), "is required");
    assert.equal(required()(0), null);
    assert.equal(minLength(3)("ab"), "must be at least 3 characters");
    assert.equal(minLength(3)(123), "must be at least 3 characters");
    assert.equal(maxLength(2)("ab"), null);
    assert.equal(pattern(/^\d{5}$/, "must be a zip code")("1234"), "must be a zip code");
    assert.equal(integer()(2.5), "must be an integer");
    assert.equal(integer()("3"), "must be an integer");
    assert.equal(integer({ min: 1, max: 9 })(0), "must be at least 1");
    assert.equal(integer({ min: 1, max: 9 })(10), "must be at most 9");
    assert.equal(integer({ min: 1 })(1), null);
    assert.equal(oneOf(["s", "m", "l"])("xl"), "must be one of s, m, l");
    assert.equal(oneOf([1, 2])(2), null);
  });
});

const ORDER: Schema = {
  email: [required(), pattern(/^[^@\s]+@[^@\s]+$/, "must be an email address")],
  name: [minLength(2), maxLength(20)],
  address: {
    street: [required()],
    zip: [required(), pattern(/^\d{5}$/, "must be a zip code")],
  },
  items: each({
    sku: [required(), minLength(3), pattern(/^[a-z]+$/, "must be lowercase letters")],
    qty: [required(), integer({ min: 1, max: 99 })],
  }),
  tags: each([maxLength(5)]),
};

describe("validate", () => {
  test("valid data", () => {
    const data = { email: "a@b.c", address: { street: "Main 1", zip: "12345" }, items: [{ sku: "abc", qty: 2 }], tags: [] };
    assert.deepEqual(validate(ORDER, data), { valid: true, errors: [] });
  });

  test("only the first failing rule per field, in schema order, with paths", () => {
    const data = {
      tags: ["ok", "toolong"],
      items: [{ sku: "abcd", qty: 1 }, { sku: "X", qty: 0 }, { sku: "ABC", qty: 2.5 }],
      address: { zip: "1234" },
      name: "J",
      email: "nope",
    };
    assert.deepEqual(validate(ORDER, data).errors, [
      { path: "email", message: "must be an email address" },
      { path: "name", message: "must be at least 2 characters" },
      { path: "address.street", message: "is required" },
      { path: "address.zip", message: "must be a zip code" },
      { path: "items[1].sku", message: "must be at least 3 characters" },
      { path: "items[1].qty", message: "must be at least 1" },
      { path: "items[2].sku", message: "must be lowercase letters" },
      { path: "items[2].qty", message: "must be an integer" },
      { path: "tags[1]", message: "must be at most 5 characters" },
    ]);
  });

  test("absent optional fields are skipped, absent sections are required", () => {
    const result = validate(ORDER, { email: "a@b.c", name: "", address: null });
    assert.deepEqual(result, {
      valid: false,
      errors: [
        { path: "address", message: "is required" },
        { path: "items", message: "is required" },
        { path: "tags", message: "is required" },
      ],
    });
  });

  test("wrong shapes", () => {
    const result = validate(ORDER, { email: "a@b.c", address: ["x"], items: { sku: "abc" }, tags: "a,b" });
    assert.deepEqual(result.errors, [
      { path: "address", message: "must be an object" },
      { path: "items", message: "must be a list" },
      { path: "tags", message: "must be a list" },
    ]);
    assert.deepEqual(validate({ a: [required()] }, null).errors, [{ path: "", message: "must be an object" }]);
  });

  test("strict mode reports unknown fields after the known ones", () => {
    const schema: Schema = { user: { name: [required()] }, note: [maxLength(10)] };
    const data = { extra: 1, user: { name: "x", admin: true }, note: "hi" };
    assert.deepEqual(validate(schema, data, { strict: true }).errors, [
      { path: "user.admin", message: "unknown field" },
      { path: "extra", message: "unknown field" },
    ]);
    assert.deepEqual(validate(schema, data).errors, []);
  });
});
