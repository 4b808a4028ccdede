import { parsePointer } from "./pointer";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Operation {
  op: string;
  path: string;
  value?: Json;
  from?: string;
}

export class PatchError extends Error {
  constructor(message: string, readonly index: number) {
    super(message);
  }
}

type Container = Json[] | { [key: string]: Json };

function isContainer(value: Json | undefined): value is Container {
  return typeof value === "object" && value !== null;
}

function clone(value: Json): Json {
  return structuredClone(value);
}

function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isContainer(a) && isContainer(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], (b as Record<string, Json>)[k]));
  }
  return a === b;
}

function index(token: string, length: number, allowEnd: boolean): number {
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`bad array index ${JSON.stringify(token)}`);
  const i = Number(token);
  if (i > length || (!allowEnd && i === length)) throw new Error(`array index ${i} out of range`);
  return i;
}

/** The container holding the target, and the target's token. */
function parent(doc: Json, tokens: string[]): { container: Container; token: string } {
  let node: Json = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[index(token, node.length, false)]!;
    else if (isContainer(node) && Object.hasOwn(node, token)) node = node[token]!;
    else throw new Error(`path not found at ${JSON.stringify(token)}`);
  }
  if (!isContainer(node)) throw new Error("path goes through a value that is not a container");
  return { container: node, token: tokens[tokens.length - 1]! };
}

function get(doc: Json, tokens: string[]): Json {
  if (tokens.length === 0) return doc;
  const { container, token } = parent(doc, tokens);
  if (Array.isArray(container)) return container[index(token, container.length, false)]!;
  if (!Object.hasOwn(container, token)) throw new Error(`no member ${JSON.stringify(token)}`);
  return container[token]!;
}

function add(doc: Json, tokens: string[], value: Json): Json {
  if (tokens.length === 0) return value;
  const { container, token } = parent(doc, tokens);
  if (Array.isArray(container)) container.splice(token === "-" ? container.length : index(token, container.length, true), 0, value);
  else container[token] = value;
  return doc;
}

function remove(doc: Json, tokens: string[]): Json {
  if (tokens.length === 0) throw new Error("cannot remove the whole document");
  const { container, token } = parent(doc, tokens);
  if (Array.isArray(container)) container.splice(index(token, container.length, false), 1);
  else if (Object.hasOwn(container, token)) delete container[token];
  else throw new Error(`no member ${JSON.stringify(token)}`);
  return doc;
}

function valueOf(operation: Operation): Json {
  if (!Object.hasOwn(operation, "value")) throw new Error(`${operation.op} needs a value`);
  return operation.value as Json;
}

function step(doc: Json, operation: Operation): Json {
  const path = parsePointer(operation.path);
  switch (operation.op) {
    case "add":
      return add(doc, path, clone(valueOf(operation)));
    case "remove":
      return remove(doc, path);
    case "replace":
      get(doc, path);
      return add(path.length === 0 ? doc : remove(doc, path), path, clone(valueOf(operation)));
    case "move": {
      const from = parsePointer(operation.from ?? "");
      if (from.length < path.length && from.every((t, i) => t === path[i])) throw new Error("cannot move a value into itself");
      const value = get(doc, from);
      return add(remove(doc, from), path, value);
    }
    case "copy":
      return add(doc, path, clone(get(doc, parsePointer(operation.from ?? ""))));
    case "test":
      if (!deepEqual(get(doc, path), valueOf(operation))) throw new Error(`test failed at ${operation.path}`);
      return doc;
    default:
      throw new Error(`unknown op ${JSON.stringify(operation.op)}`);
  }
}

export function applyPatch(document: Json, operations: Operation[]): Json {
  let doc = document;
  operations.forEach((operation, i) => {
    try {
      doc = step(doc, operation);
    } catch (error) {
      throw new PatchError(`operation ${i}: ${(error as Error).message}`, i);
    }
  });
  return doc;
}
