/** A source of uniform numbers in [0, 1). Bootstraps take one as an argument, so results are reproducible. */
export type Rng = () => number;

/**
 * mulberry32, Tommy Ettinger's 32-bit generator (public domain, 2017; listed in Vigna's survey of
 * small PRNGs and used by many JS libraries). One 32-bit state word, period 2^32, passes gjrand's
 * tests at sizes a bootstrap needs. Not for cryptography.
 *
 * @param seed any number; it is reduced to 32 bits, so 1 and 2**32 + 1 give the same stream.
 */
export function mulberry32(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`Expected \`seed\` to be a finite number, got ${String(seed)}`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from 0 to `bound - 1`; the multiply-and-floor bias is below 2^-32 × bound. */
export function randomIndex(rng: Rng, bound: number): number {
  return Math.floor(rng() * bound);
}
