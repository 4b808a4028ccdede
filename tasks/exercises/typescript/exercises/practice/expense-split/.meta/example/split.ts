function checkCents(cents: number): void {
  if (!Number.isInteger(cents) || cents < 0) throw new RangeError(`cents must be a non-negative integer, got ${cents}`);
}

function checkPeople(people: string[]): void {
  if (people.length === 0) throw new Error("nobody to split between");
  if (new Set(people).size !== people.length) throw new Error("a name appears twice");
}

const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function splitEvenly(cents: number, people: string[]): Record<string, number> {
  checkCents(cents);
  checkPeople(people);
  const base = Math.floor(cents / people.length);
  let left = cents - base * people.length;
  const out: Record<string, number> = {};
  for (const person of people) out[person] = base;
  for (const person of [...people].sort(alphabetical)) {
    if (left === 0) break;
    out[person]!++;
    left--;
  }
  return out;
}

export function splitByShares(cents: number, shares: Record<string, number>): Record<string, number> {
  checkCents(cents);
  const people = Object.keys(shares);
  checkPeople(people);
  for (const person of people) {
    const share = shares[person]!;
    if (!Number.isInteger(share) || share < 1) throw new RangeError(`share of ${person} must be a positive integer`);
  }
  const total = people.reduce((sum, p) => sum + shares[p]!, 0);
  const out: Record<string, number> = {};
  const dropped: { person: string; rest: number }[] = [];
  let given = 0;
  for (const person of people) {
    const exact = cents * shares[person]!;
    out[person] = Math.floor(exact / total);
    given += out[person]!;
    dropped.push({ person, rest: exact % total });
  }
  dropped.sort((a, b) => b.rest - a.rest || alphabetical(a.person, b.person));
  for (const { person } of dropped.slice(0, cents - given)) out[person]!++;
  return out;
}
