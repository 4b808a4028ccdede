export interface Expense {
  payer: string;
  cents: number;
  split: Record<string, number>;
}

export interface Transfer {
  from: string;
  to: string;
  cents: number;
}

export function balances(expenses: Expense[]): Record<string, number> {
  throw new Error("Remove this line and implement balances");
}

export function settle(balances: Record<string, number>): Transfer[] {
  throw new Error("Remove this line and implement settle");
}
