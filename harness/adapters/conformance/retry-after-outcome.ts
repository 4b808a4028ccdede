import { deviation, pass, unsupported, type ProbeOutcome } from './probe.ts';

/** No 429 is provoked on purpose (that would cost money and goodwill); one met by an earlier probe is judged. */
export function retryAfterOutcome(observed: string | null | undefined): ProbeOutcome {
  if (observed === undefined) return unsupported('no 429 observed during the battery');
  return observed === null ? deviation('a 429 came without Retry-After') : pass(`a 429 came with Retry-After: ${observed}`);
}
