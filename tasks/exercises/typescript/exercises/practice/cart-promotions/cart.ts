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

export class Cart {
  constructor(catalog: Product[]) {
    throw new Error("Remove this line and implement Cart");
  }

  add(sku: string, quantity = 1): void {
    throw new Error("Remove this line and implement Cart.add");
  }

  remove(sku: string, quantity = 1): void {
    throw new Error("Remove this line and implement Cart.remove");
  }

  lines(): { sku: string; quantity: number; cents: number }[] {
    throw new Error("Remove this line and implement Cart.lines");
  }

  total(promotions: Promotion[]): Receipt {
    throw new Error("Remove this line and implement Cart.total");
  }
}
