import { randomBytes } from 'node:crypto';

/**
 * `20261122-031500-ab12cd`: UTC start time, so ids sort by start, plus 24 random bits so runs
 * started in the same second on different machines do not collide.
 */
export function newRunId(now: Date = new Date(), random: Buffer = randomBytes(3)): string {
  const iso = now.toISOString(); // 2026-11-22T03:15:00.000Z
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return `${date}-${time}-${random.toString('hex').slice(0, 6)}`;
}
