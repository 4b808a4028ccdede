import { formatMoney, percentOf } from "./money";

export type Promotion =
  | { kind: "bogo"; sku: string }
  | { kind: "percent"; category: string; percent: number }
  | { kind: "threshold"; minCents: number; offCents: number };

export interface PricedLine {
  sku: string;
  category: string;
  unitCents: number;
  quantity: number;
}

export function lineDiscount(promotion: Promotion, line: PricedLine): number {
  if (promotion.kind === "bogo" && promotion.sku === line.sku) return Math.floor(line.quantity / 2) * line.unitCents;
  if (promotion.kind === "percent" && promotion.category === line.category) return percentOf(line.unitCents * line.quantity, promotion.percent);
  return 0;
}

export function label(promotion: Promotion): string {
  switch (promotion.kind) {
    case "bogo":
      return `buy one get one free: ${promotion.sku}`;
    case "percent":
      return `${promotion.percent}% off ${promotion.category}`;
    case "threshold":
      return `${formatMoney(promotion.offCents)} off orders of ${formatMoney(promotion.minCents)} or more`;
  }
}
