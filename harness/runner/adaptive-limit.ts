/**
 * Concurrency for one provider that halves when the provider says 429 and grows back by one after
 * a run of successes (additive increase, multiplicative decrease), like inspect_ai's adaptive
 * connections. Callers `acquire()` a place for each API call and `release()` it after.
 */
export class AdaptiveLimit {
  readonly max: number;
  #limit: number;
  #active = 0;
  #successes = 0;
  readonly #waiters: (() => void)[] = [];

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new TypeError(`Expected \`max\` to be an integer from 1 and up, got ${max}`);
    this.max = max;
    this.#limit = max;
  }

  get limit(): number {
    return this.#limit;
  }

  get active(): number {
    return this.#active;
  }

  acquire(): Promise<void> {
    if (this.#active < this.#limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  release(): void {
    this.#active--;
    this.#drain();
  }

  /** The provider pushed back: halve the concurrency. */
  backOff(): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#successes = 0;
  }

  /** A call went through: after as many successes as the current limit, allow one more. */
  succeeded(): void {
    if (this.#limit >= this.max) return;
    if (++this.#successes >= this.#limit) {
      this.#limit++;
      this.#successes = 0;
      this.#drain();
    }
  }

  #drain(): void {
    while (this.#active < this.#limit && this.#waiters.length > 0) {
      this.#active++;
      this.#waiters.shift()!();
    }
  }
}

/** At most `perMinute` starts in any sliding minute; `undefined` means no cap. */
export class RateCap {
  readonly #perMinute: number | undefined;
  readonly #starts: number[] = [];
  readonly #now: () => number;

  constructor(perMinute: number | undefined, now: () => number = () => performance.now()) {
    this.#perMinute = perMinute;
    this.#now = now;
  }

  /** How long to wait before the next start is allowed (0 = now), recording the start if 0. */
  reserve(): number {
    if (this.#perMinute === undefined) return 0;
    const now = this.#now();
    while (this.#starts.length > 0 && now - this.#starts[0]! >= 60_000) this.#starts.shift();
    if (this.#starts.length < this.#perMinute) {
      this.#starts.push(now);
      return 0;
    }
    return 60_000 - (now - this.#starts[0]!);
  }
}
