export type Segment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string }
  | { kind: "wildcard"; name: string };

export interface Pattern {
  source: string;
  segments: Segment[];
}

export function compilePattern(source: string): Pattern {
  throw new Error("Remove this line and implement compilePattern");
}

export function matchPattern(pattern: Pattern, path: string): Record<string, string> | null {
  throw new Error("Remove this line and implement matchPattern");
}

export function compareSpecificity(a: Pattern, b: Pattern): number {
  throw new Error("Remove this line and implement compareSpecificity");
}
