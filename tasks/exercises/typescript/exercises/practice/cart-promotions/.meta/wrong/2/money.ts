export function parseMoney(text: string): number {
  const match = /^(\d+)(?:\.(\d{2}))?$/.exec(text);
  if (!match) throw new RangeError(`not an amount: ${JSON.stringify(text)}`);
  return Number(match[1]) * 100 + Number(match[2] ?? "0");
}

export function formatMoney(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export function percentOf(cents: number, percent: number): number {
  return Math.floor((cents * percent) / 100);
}
