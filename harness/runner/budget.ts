/**
 * Tracks spend and decides whether one more sample may start: the projection is what was spent
 * plus, for every sample in flight and the new one, the mean cost of a finished sample.
 */
export class Budget {
  readonly limitUsd: number | undefined;
  #spent = 0;
  #priced = 0;
  #unpriced = 0;

  constructor(limitUsd: number | undefined) {
    if (limitUsd !== undefined && !(limitUsd >= 0)) throw new TypeError(`Expected \`budget\` to be a number from 0 and up, got ${limitUsd}`);
    this.limitUsd = limitUsd;
  }

  get spentUsd(): number {
    return this.#spent;
  }

  /** Samples whose cost is unknown (no price); the budget cannot see them. */
  get unpricedSamples(): number {
    return this.#unpriced;
  }

  record(costUsd: number | undefined): void {
    if (costUsd === undefined) this.#unpriced++;
    else {
      this.#spent += costUsd;
      this.#priced++;
    }
  }

  allows(inFlight: number): boolean {
    if (this.limitUsd === undefined) return true;
    const mean = this.#priced === 0 ? 0 : this.#spent / this.#priced;
    return this.#spent + (inFlight + 1) * mean <= this.limitUsd && this.#spent < this.limitUsd;
  }
}
