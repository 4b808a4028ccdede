import { compareSpecificity, compilePattern, matchPattern, type Pattern } from "./pattern";

export type Match =
  | { status: 200; handler: string; params: Record<string, string> }
  | { status: 404 }
  | { status: 405; allow: string[] };

export class Router {
  add(method: string, pattern: string, handler: string): void {
    throw new Error("Remove this line and implement Router.add");
  }

  match(method: string, path: string): Match {
    throw new Error("Remove this line and implement Router.match");
  }
}
