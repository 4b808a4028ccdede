export class KeyValueStore {
  get(key: string): string | undefined {
    throw new Error("Remove this line and implement KeyValueStore.get");
  }

  set(key: string, value: string): void {
    throw new Error("Remove this line and implement KeyValueStore.set");
  }

  delete(key: string): boolean {
    throw new Error("Remove this line and implement KeyValueStore.delete");
  }

  count(value: string): number {
    throw new Error("Remove this line and implement KeyValueStore.count");
  }

  keys(): string[] {
    throw new Error("Remove this line and implement KeyValueStore.keys");
  }
}
