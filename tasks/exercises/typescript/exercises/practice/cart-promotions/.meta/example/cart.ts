import { parseMoney } from "./money";
import { label, lineDiscount, type Promotion } from "./promotions";

export interface Product {
  sku: string;
  name: string;
  category: string;
  price: string;
}

export interface Receipt {
  subtotal: number;
  discounts: { label: string; cents: number }[];
  total: number;
}

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
}

export class Cart {
  private readonly products = new Map<string, { category: string; unitCents: number }>();
  private readonly quantities = new Map<string, number>();

  constructor(catalog: Product[]) {
    for (const p of catalog) this.products.set(p.sku, { category: p.category, unitCents: parseMoney(p.price) });
  }

  add(sku: string, quantity = 1): void {
    if (!this.products.has(sku)) throw new Error(`unknown sku ${sku}`);
    checkQuantity(quantity);
    this.quantities.set(sku, (this.quantities.get(sku) ?? 0) + quantity);
  }

  remove(sku: string, quantity = 1): void {
    const current = this.quantities.get(sku);
    if (current === undefined) throw new Error(`${sku} is not in the cart`);
    checkQuantity(quantity);
    if (current - quantity <= 0) this.quantities.delete(sku);
    else this.quantities.set(sku, current - quantity);
  }

  lines(): { sku: string; quantity: number; cents: number }[] {
    return [...this.quantities].map(([sku, quantity]) => ({ sku, quantity, cents: this.products.get(sku)!.unitCents * quantity }));
  }

  total(promotions: Promotion[]): Receipt {
    const discounts: { label: string; cents: number }[] = [];
    let subtotal = 0;
    for (const [sku, quantity] of this.quantities) {
      const { category, unitCents } = this.products.get(sku)!;
      subtotal += unitCents * quantity;
      let best: { promotion: Promotion; cents: number } | undefined;
      for (const promotion of promotions) {
        const cents = lineDiscount(promotion, { sku, category, unitCents, quantity });
        if (cents > 0 && (best === undefined || cents > best.cents)) best = { promotion, cents };
      }
      if (best) discounts.push({ label: label(best.promotion), cents: best.cents });
    }
    const remaining = subtotal - discounts.reduce((sum, d) => sum + d.cents, 0);
    let threshold: Extract<Promotion, { kind: "threshold" }> | undefined;
    for (const promotion of promotions) {
      if (promotion.kind !== "threshold" || promotion.minCents > remaining) continue;
      if (threshold === undefined || promotion.offCents > threshold.offCents) threshold = promotion;
    }
    if (threshold) discounts.push({ label: label(threshold), cents: Math.min(threshold.offCents, remaining) });
    return { subtotal, discounts, total: subtotal - discounts.reduce((sum, d) => sum + d.cents, 0) };
  }
}
