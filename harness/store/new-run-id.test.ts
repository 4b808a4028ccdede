import { describe, expect, it } from 'vitest';
import { newRunId } from './new-run-id.ts';

describe('newRunId', () => {
  it('formats the UTC start time and six random hex digits', () => {
    const id = newRunId(new Date('2026-11-22T03:15:00.987Z'), Buffer.from([0xab, 0x12, 0xcd]));
    expect(id).toBe('20261122-031500-ab12cd');
  });

  it('sorts ids from later seconds after earlier ones', () => {
    const earlier = newRunId(new Date('2026-11-22T03:15:59Z'), Buffer.from([0xff, 0xff, 0xff]));
    const later = newRunId(new Date('2026-11-22T03:16:00Z'), Buffer.from([0, 0, 0]));
    expect(earlier < later).toBe(true);
  });
});
