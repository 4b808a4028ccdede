export type Rule = (value: unknown) => string | null;

export function required(): Rule {
  throw new Error("Remove this line and implement required");
}

export function minLength(n: number): Rule {
  throw new Error("Remove this line and implement minLength");
}

export function maxLength(n: number): Rule {
  throw new Error("Remove this line and implement maxLength");
}

export function pattern(regex: RegExp, message: string): Rule {
  throw new Error("Remove this line and implement pattern");
}

export function integer(bounds: { min?: number; max?: number } = {}): Rule {
  throw new Error("Remove this line and implement integer");
}

export function oneOf(values: readonly unknown[]): Rule {
  throw new Error("Remove this line and implement oneOf");
}

export function isRequiredRule(rule: Rule): boolean {
  throw new Error("Remove this line and implement isRequiredRule");
}
