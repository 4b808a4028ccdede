/** Hands out slot numbers 0..size-1, one holder at a time each, in arrival order. */
export class SlotPool {
  readonly #free: number[];
  readonly #waiters: ((slot: number) => void)[] = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new TypeError(`Expected \`slots\` to be an integer from 1 and up, got ${size}`);
    this.#free = Array.from({ length: size }, (_, i) => i);
  }

  acquire(): Promise<number> {
    const slot = this.#free.shift();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release(slot: number): void {
    const next = this.#waiters.shift();
    if (next) next(slot);
    else this.#free.push(slot);
  }
}
