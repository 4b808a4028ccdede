import type { KeyValueStore } from "./store";

export class TransactionalStore {
  constructor(store: KeyValueStore) {
    throw new Error("Remove this line and implement TransactionalStore");
  }

  get(key: string): string | undefined {
    throw new Error("Remove this line and implement TransactionalStore.get");
  }

  set(key: string, value: string): void {
    throw new Error("Remove this line and implement TransactionalStore.set");
  }

  delete(key: string): boolean {
    throw new Error("Remove this line and implement TransactionalStore.delete");
  }

  count(value: string): number {
    throw new Error("Remove this line and implement TransactionalStore.count");
  }

  keys(): string[] {
    throw new Error("Remove this line and implement TransactionalStore.keys");
  }

  begin(): void {
    throw new Error("Remove this line and implement TransactionalStore.begin");
  }

  commit(): void {
    throw new Error("Remove this line and implement TransactionalStore.commit");
  }

  rollback(): void {
    throw new Error("Remove this line and implement TransactionalStore.rollback");
  }

  depth(): number {
    throw new Error("Remove this line and implement TransactionalStore.depth");
  }
}
