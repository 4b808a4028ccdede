export type Rule = (value: unknown) => string | null;

const REQUIRED = new WeakSet<Rule>();

export function required(): Rule {
  const rule: Rule = (value) => (value === undefined || value === null || value === "" ? "is required" : null);
  REQUIRED.add(rule);
  return rule;
}

export function minLength(n: number): Rule {
  return (value) => (typeof value === "string" && value.length >= n ? null : `must be at least ${n} characters`);
}

export function maxLength(n: number): Rule {
  return (value) => (typeof value === "string" && value.length <= n ? null : `must be at most ${n} characters`);
}

export function pattern(regex: RegExp, message: string): Rule {
  return (value) => (typeof value === "string" && regex.test(value) ? null : message);
}

export function integer(bounds: { min?: number; max?: number } = {}): Rule {
  return (value) => {
    if (typeof value !== "number" || !Number.isInteger(value)) return "must be an integer";
    if (bounds.min !== undefined && value < bounds.min) return `must be at least ${bounds.min}`;
    if (bounds.max !== undefined && value > bounds.max) return `must be at most ${bounds.max}`;
    return null;
  };
}

export function oneOf(values: readonly unknown[]): Rule {
  return (value) => (values.includes(value) ? null : `must be one of ${values.join(", ")}`);
}

export function isRequiredRule(rule: Rule): boolean {
  return REQUIRED.has(rule);
}
