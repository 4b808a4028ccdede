import type { Interval } from '../compare/model-summary.ts';

// How every human-readable output prints a number; unknown is shown as a dash, never as 0.
export const DASH = '-';

export function percent(x: number | undefined, digits = 1): string {
  return x === undefined ? DASH : `${(x * 100).toFixed(digits)}%`;
}

/** Percentage points with a sign, e.g. `−1.0` or `+2.5` (a true minus sign, as in the recommendation text). */
export function points(x: number | undefined): string {
  if (x === undefined) return DASH;
  const text = Math.abs(x * 100).toFixed(1);
  return `${x < 0 && text !== '0.0' ? '−' : '+'}${text}`;
}

export function pointsInterval(ci: Interval | undefined): string {
  return ci === undefined ? DASH : `${points(ci.lower)} to ${points(ci.upper)}`;
}

export function percentInterval(ci: Interval | undefined): string {
  return ci === undefined ? DASH : `${(ci.lower * 100).toFixed(1)}–${(ci.upper * 100).toFixed(1)}`;
}

/** Dollars with enough places to tell cheap models apart: $12.34, $0.200, $0.0123, $0.000123. */
export function usd(x: number | undefined): string {
  if (x === undefined) return DASH;
  if (x === 0) return '$0';
  if (x >= 1) return `$${x.toFixed(2)}`;
  return `$${x.toPrecision(3)}`;
}

export function ms(x: number | undefined): string {
  if (x === undefined) return DASH;
  return x >= 10_000 ? `${(x / 1000).toFixed(1)}s` : `${Math.round(x)}ms`;
}

export function ratio(x: number | undefined): string {
  return x === undefined ? DASH : `${x < 0.095 ? x.toFixed(3) : x.toFixed(2)}×`;
}

export function count(x: number | undefined): string {
  return x === undefined ? DASH : String(x);
}

export function pValue(p: number | undefined): string {
  return p === undefined ? DASH : p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

export function rate(x: number | undefined): string {
  return x === undefined ? DASH : x.toFixed(1);
}
