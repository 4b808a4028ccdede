export function splitEvenly(cents: number, people: string[]): Record<string, number> {
  throw new Error("Remove this line and implement splitEvenly");
}

export function splitByShares(cents: number, shares: Record<string, number>): Record<string, number> {
  throw new Error("Remove this line and implement splitByShares");
}
