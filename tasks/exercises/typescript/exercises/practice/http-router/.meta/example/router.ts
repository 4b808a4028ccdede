import { compareSpecificity, compilePattern, matchPattern, type Pattern } from "./pattern";

export type Match =
  | { status: 200; handler: string; params: Record<string, string> }
  | { status: 404 }
  | { status: 405; allow: string[] };

interface Route {
  method: string;
  pattern: Pattern;
  handler: string;
}

function shape(pattern: Pattern): string {
  return pattern.segments.map((s) => (s.kind === "static" ? `s:${s.value}` : s.kind)).join("/");
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: string): void {
    const compiled = compilePattern(pattern);
    const upper = method.toUpperCase();
    if (this.routes.some((r) => r.method === upper && shape(r.pattern) === shape(compiled))) {
      throw new Error(`${upper} ${pattern} is already routed`);
    }
    this.routes.push({ method: upper, pattern: compiled, handler });
  }

  match(method: string, path: string): Match {
    const upper = method.toUpperCase();
    const matching = this.routes
      .map((route) => ({ route, params: matchPattern(route.pattern, path) }))
      .filter((m): m is { route: Route; params: Record<string, string> } => m.params !== null);
    if (matching.length === 0) return { status: 404 };
    const pick = (wanted: string) => {
      const own = matching.filter((m) => m.route.method === wanted);
      // Array.prototype.sort is stable: equally specific routes keep the order they were added in.
      return own.sort((a, b) => compareSpecificity(a.route.pattern, b.route.pattern))[0];
    };
    const chosen = pick(upper) ?? (upper === "HEAD" ? pick("GET") : undefined);
    if (chosen) return { status: 200, handler: chosen.route.handler, params: chosen.params };
    const allow = new Set(matching.map((m) => m.route.method));
    if (allow.has("GET")) allow.add("HEAD");
    return { status: 405, allow: [...allow].sort() };
  }
}
