export type Segment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string }
  | { kind: "wildcard"; name: string };

export interface Pattern {
  source: string;
  segments: Segment[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RANK = { static: 0, param: 1, wildcard: 2 } as const;

function split(path: string): string[] | null {
  if (!path.startsWith("/")) return null;
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (trimmed === "/") return [];
  const parts = trimmed.slice(1).split("/");
  return parts.some((p) => p === "") ? null : parts;
}

export function compilePattern(source: string): Pattern {
  const parts = split(source);
  if (parts === null) throw new Error(`bad pattern ${source}`);
  const names = new Set<string>();
  const segments = parts.map((part, i): Segment => {
    if (part.startsWith(":") || part.startsWith("*")) {
      const name = part.slice(1);
      if (!NAME.test(name)) throw new Error(`bad name in ${source}`);
      if (names.has(name)) throw new Error(`${name} appears twice in ${source}`);
      names.add(name);
      if (part.startsWith("*") && i !== parts.length - 1) throw new Error(`wildcard must be last in ${source}`);
      return part.startsWith(":") ? { kind: "param", name } : { kind: "wildcard", name };
    }
    return { kind: "static", value: part };
  });
  return { source, segments };
}

export function matchPattern(pattern: Pattern, path: string): Record<string, string> | null {
  const raw = split(path.split("?")[0] ?? "");
  if (raw === null) return null;
  let parts: string[];
  try {
    parts = raw.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.segments.length; i++) {
    const segment = pattern.segments[i]!;
    if (segment.kind === "wildcard") {
      if (i >= parts.length) return null;
      params[segment.name] = parts.slice(i).join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (segment.kind === "static" && segment.value !== part) return null;
    if (segment.kind === "param") params[segment.name] = part;
  }
  return parts.length === pattern.segments.length ? params : null;
}

export function compareSpecificity(a: Pattern, b: Pattern): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const diff = RANK[a.segments[i]!.kind] - RANK[b.segments[i]!.kind];
    if (diff !== 0) return diff;
  }
  return 0;
}
