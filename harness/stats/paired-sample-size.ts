import { normalQuantile } from './normal.ts';

export interface PairedSampleSizeInput {
  /** The difference we expect to see again (first − second), e.g. the one observed. */
  difference: number;
  /** Standard deviation of one pair's difference (per task). */
  sd: number;
  /** 0 for a test of any difference; > 0 for non-inferiority against −margin. */
  margin: number;
  /** Two-sided level of the interval the decision uses; default 0.05 (a 95% interval). */
  alpha?: number;
  /** Probability of reaching a decision if the difference is real; default 0.8. */
  power?: number;
}

/**
 * Pairs (tasks) needed for a paired comparison to decide, by the normal approximation for a
 * one-sample (paired) design: n = (z_{1−α/2} + z_{power})² σ² / (δ + margin)² (Chow, Shao and Wang,
 * "Sample Size Calculations in Clinical Research", 2nd ed., 2008, §3.1; for binary pairs σ² is
 * ψ − δ² with ψ the discordant share, as in Connor, Biometrics 43:207–211, 1987).
 *
 * With margin 0 it sizes a test that the difference is not zero (its sign is |δ|); with a margin it
 * sizes showing δ > −margin, so δ must lie above −margin.
 *
 * @returns a whole number of pairs, or `undefined` when no number would do: the difference sits
 *   on the boundary being tested, or there is no variation to size from.
 */
export function pairedSampleSize(input: PairedSampleSizeInput): number | undefined {
  const { difference, sd, margin } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  if (!Number.isFinite(difference)) throw new RangeError(`Expected \`difference\` to be a finite number, got ${String(difference)}`);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`Expected \`sd\` to be a finite number from 0 up, got ${String(sd)}`);
  if (!(margin >= 0 && Number.isFinite(margin))) throw new RangeError(`Expected \`margin\` to be a finite number from 0 up, got ${String(margin)}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`Expected \`alpha\` to be strictly between 0 and 1, got ${String(alpha)}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`Expected \`power\` to be strictly between 0 and 1, got ${String(power)}`);
  const distance = margin === 0 ? Math.abs(difference) : difference + margin;
  if (!(distance > 0) || sd === 0) return undefined;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil(((z * sd) / distance) ** 2);
}
