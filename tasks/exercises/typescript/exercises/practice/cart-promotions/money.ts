export function parseMoney(text: string): number {
  throw new Error("Remove this line and implement parseMoney");
}

export function formatMoney(cents: number): string {
  throw new Error("Remove this line and implement formatMoney");
}

export function percentOf(cents: number, percent: number): number {
  throw new Error("Remove this line and implement percentOf");
}
