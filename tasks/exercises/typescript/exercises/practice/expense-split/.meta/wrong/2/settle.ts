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
  const out: Record<string, number> = {};
  for (const expense of expenses) {
    const owed = Object.values(expense.split).reduce((sum, c) => sum + c, 0);
    if (owed !== expense.cents) throw new Error(`split of ${owed} does not add up to ${expense.cents}`);
    out[expense.payer] = (out[expense.payer] ?? 0) + expense.cents;
    for (const [person, cents] of Object.entries(expense.split)) out[person] = (out[person] ?? 0) - cents;
  }
  return out;
}

export function settle(balances: Record<string, number>): Transfer[] {
  const left = new Map(Object.entries(balances));
  if ([...left.values()].reduce((sum, c) => sum + c, 0) !== 0) throw new Error("balances do not add up to zero");
  const transfers: Transfer[] = [];
  const pick = (sign: 1 | -1): [string, number] | undefined => {
    let best: [string, number] | undefined;
    for (const [person, cents] of left) {
      if (sign * cents <= 0) continue;
      if (!best) best = [person, cents];
    }
    return best;
  };
  for (;;) {
    const debtor = pick(-1);
    const creditor = pick(1);
    if (!debtor || !creditor) return transfers;
    const cents = Math.min(-debtor[1], creditor[1]);
    transfers.push({ from: debtor[0], to: creditor[0], cents });
    left.set(debtor[0], debtor[1] + cents);
    left.set(creditor[0], creditor[1] - cents);
  }
}
