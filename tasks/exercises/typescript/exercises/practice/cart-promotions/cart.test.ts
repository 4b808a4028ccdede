import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Cart, type Product } from "./cart";
import { formatMoney, parseMoney, percentOf } from "./money";
import { label, lineDiscount, type Promotion } from "./promotions";

const CATALOG: Product[] = [
  { sku: "apple", name: "Apple", category: "fruit", price: "0.45" },
  { sku: "pear", name: "Pear", category: "fruit", price: "0.60" },
  { sku: "tea", name: "Green tea", category: "drinks", price: "4.99" },
  { sku: "mug", name: "Mug", category: "kitchen", price: "12.00" },
];

describe("money", () => {
  test("parse and format", () => {
    assert.equal(parseMoney("12.50"), 1250);
    assert.equal(parseMoney("3"), 300);
    assert.equal(parseMoney("0.07"), 7);
    for (const bad of ["12.5", "1,00", "-1.00", " 1.00", "", "1.005", "1e2"]) assert.throws(() => parseMoney(bad), RangeError, bad);
    assert.equal(formatMoney(1250), "12.50");
    assert.equal(formatMoney(-5), "-0.05");
    assert.equal(formatMoney(0), "0.00");
  });

  test("percentages round halves up", () => {
    assert.equal(percentOf(105, 10), 11);
    assert.equal(percentOf(104, 10), 10);
    assert.equal(percentOf(499, 15), 75);
    assert.equal(percentOf(0, 50), 0);
  });
});

describe("promotions", () => {
  const line = { sku: "apple", category: "fruit", unitCents: 45, quantity: 5 };

  test("line discounts", () => {
    assert.equal(lineDiscount({ kind: "bogo", sku: "apple" }, line), 90);
    assert.equal(lineDiscount({ kind: "bogo", sku: "pear" }, line), 0);
    assert.equal(lineDiscount({ kind: "percent", category: "fruit", percent: 10 }, line), 23);
    assert.equal(lineDiscount({ kind: "threshold", minCents: 0, offCents: 100 }, line), 0);
  });

  test("labels", () => {
    assert.equal(label({ kind: "bogo", sku: "tea" }), "buy one get one free: tea");
    assert.equal(label({ kind: "percent", category: "fruit", percent: 15 }), "15% off fruit");
    assert.equal(label({ kind: "threshold", minCents: 5000, offCents: 500 }), "5.00 off orders of 50.00 or more");
  });
});

describe("cart", () => {
  function cart(): Cart {
    const c = new Cart(CATALOG);
    c.add("tea", 3);
    c.add("apple", 4);
    c.add("mug");
    c.add("apple");
    return c;
  }

  test("lines keep the order skus were first added", () => {
    assert.deepEqual(cart().lines(), [
      { sku: "tea", quantity: 3, cents: 1497 },
      { sku: "apple", quantity: 5, cents: 225 },
      { sku: "mug", quantity: 1, cents: 1200 },
    ]);
  });

  test("adding and removing are checked", () => {
    const c = cart();
    assert.throws(() => c.add("bread"), Error);
    assert.throws(() => c.add("tea", 0), RangeError);
    assert.throws(() => c.add("tea", 1.5), RangeError);
    assert.throws(() => c.remove("pear"), Error);
    c.remove("apple", 2);
    c.remove("mug", 5);
    assert.deepEqual(c.lines(), [
      { sku: "tea", quantity: 3, cents: 1497 },
      { sku: "apple", quantity: 3, cents: 135 },
    ]);
  });

  test("no promotions", () => {
    assert.deepEqual(cart().total([]), { subtotal: 2922, discounts: [], total: 2922 });
  });

  test("one item promotion per line: the larger, the first on a tie", () => {
    const promotions: Promotion[] = [
      { kind: "percent", category: "fruit", percent: 10 },
      { kind: "bogo", sku: "apple" },
      { kind: "bogo", sku: "tea" },
      { kind: "percent", category: "drinks", percent: 50 },
      { kind: "percent", category: "kitchen", percent: 25 },
      { kind: "percent", category: "kitchen", percent: 25 },
    ];
    assert.deepEqual(cart().total(promotions), {
      subtotal: 2922,
      discounts: [
        { label: "50% off drinks", cents: 749 },
        { label: "buy one get one free: apple", cents: 90 },
        { label: "25% off kitchen", cents: 300 },
      ],
      total: 1783,
    });
  });

  test("a threshold applies to what is left after item discounts, capped", () => {
    const promotions: Promotion[] = [
      { kind: "threshold", minCents: 2000, offCents: 300 },
      { kind: "threshold", minCents: 2500, offCents: 800 },
      { kind: "bogo", sku: "tea" },
    ];
    assert.deepEqual(cart().total(promotions), {
      subtotal: 2922,
      discounts: [
        { label: "buy one get one free: tea", cents: 499 },
        { label: "3.00 off orders of 20.00 or more", cents: 300 },
      ],
      total: 2123,
    });
    const small = new Cart(CATALOG);
    small.add("apple");
    assert.deepEqual(small.total([{ kind: "threshold", minCents: 0, offCents: 100 }]), {
      subtotal: 45,
      discounts: [{ label: "1.00 off orders of 0.00 or more", cents: 45 }],
      total: 0,
    });
  });
});
