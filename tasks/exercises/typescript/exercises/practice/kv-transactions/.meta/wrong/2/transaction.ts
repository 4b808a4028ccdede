import type { KeyValueStore } from "./store";

/** A transaction's changes: a value, or `null` for a deletion. */
type Layer = Map<string, string | null>;

export class TransactionalStore {
  private readonly layers: Layer[] = [];

  constructor(private readonly store: KeyValueStore) {}

  get(key: string): string | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i]!;
      if (layer.has(key)) return layer.get(key) ?? undefined;
    }
    return this.store.get(key);
  }

  set(key: string, value: string): void {
    const top = this.layers.at(-1);
    if (top) top.set(key, value);
    else this.store.set(key, value);
  }

  delete(key: string): boolean {
    const existed = this.get(key) !== undefined;
    const top = this.layers.at(-1);
    if (top) top.set(key, null);
    else this.store.delete(key);
    return existed;
  }

  keys(): string[] {
    const all = new Set(this.store.keys());
    for (const layer of this.layers) for (const key of layer.keys()) all.add(key);
    return [...all].filter((key) => this.get(key) !== undefined).sort();
  }

  count(value: string): number {
    return this.keys().filter((key) => this.get(key) === value).length;
  }

  begin(): void {
    this.layers.push(new Map());
  }

  commit(): void {
    const top = this.layers.pop();
    if (!top) throw new Error("no transaction to commit");
    const below = this.layers.at(-1);
    for (const [key, value] of top) {
      if (below) below.set(key, value);
      else if (value === null) this.store.delete(key);
      else this.store.set(key, value);
    }
  }

  rollback(): void {
    if (this.layers.length === 0) throw new Error("no transaction to roll back");
    this.layers.length = 0;
  }

  depth(): number {
    return this.layers.length;
  }
}
