export class KeyValueStore {
  private readonly data = new Map<string, string>();

  get(key: string): string | undefined {
    return this.data.get(key);
  }

  set(key: string, value: string): void {
    this.data.set(key, value);
  }

  delete(key: string): boolean {
    return this.data.delete(key);
  }

  count(value: string): number {
    let n = 0;
    for (const v of this.data.values()) if (v === value) n++;
    return n;
  }

  keys(): string[] {
    return [...this.data.keys()].sort();
  }
}
