/** How one probe came out: as the reference API documents, not so, or not offered by this endpoint. */
export type ProbeResult = 'pass' | 'deviation' | 'unsupported';

export interface ProbeOutcome {
  result: ProbeResult;
  detail: string;
}

/** What a probe is given: SDK clients for the endpoint (one with a wrong key) and the token tally. */
export interface ProbeContext<Client> {
  client: Client;
  /** The same endpoint with the key `bad-key`. */
  badKeyClient: Client;
  model: string;
  tokens: TokenTally;
  /** Retry-After of the first 429 an earlier probe met (`null`: a 429 without one); `undefined` when none came. */
  observed429?: string | null;
}

/** One named check. `checks` and `why` feed the report and the README. */
export interface Probe<Client> {
  name: string;
  checks: string;
  /** Why a coding client (Claude Code, Cline, Aider, …) breaks when this deviates. */
  why: string;
  run(context: ProbeContext<Client>): Promise<ProbeOutcome>;
}

export interface ProbeReport extends ProbeOutcome {
  name: string;
  checks: string;
}

/** Tokens the battery spent, as the endpoint reported them, and the most it could have produced. */
export class TokenTally {
  input = 0;
  output = 0;
  /** The sum of `max_tokens` over every request that asked for output: the bound on output spend. */
  outputBound = 0;

  add(input: number | null | undefined, output: number | null | undefined): void {
    this.input += input ?? 0;
    this.output += output ?? 0;
  }

  /** Call with each request's `max_tokens`; returns it, so it can be written inline. */
  cap(maxTokens: number): number {
    this.outputBound += maxTokens;
    return maxTokens;
  }
}

export const pass = (detail: string): ProbeOutcome => ({ result: 'pass', detail });
export const deviation = (detail: string): ProbeOutcome => ({ result: 'deviation', detail });
export const unsupported = (detail: string): ProbeOutcome => ({ result: 'unsupported', detail });

/** The first failed expectation as a deviation, or a pass. */
export function expectAll(checks: [ok: boolean, failure: string][], passDetail: string): ProbeOutcome {
  const failed = checks.find(([ok]) => !ok);
  return failed ? deviation(failed[1]) : pass(passDetail);
}

/** `gpt-4o-mini` answering as `gpt-4o-mini-2024-07-18` is a dated snapshot, not a substitution. */
export function sameModel(requested: string, returned: string | undefined | null): boolean {
  return returned === requested || (returned ?? '').startsWith(`${requested}-`) || (returned ?? '').endsWith(`/${requested}`);
}

export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** An SDK error's status and body, when it is one; both SDKs' `APIError` carry these fields. */
export function apiErrorFacts(error: unknown): { status: number | undefined; body: unknown; headers: { get(name: string): string | null } | undefined; message: string } {
  const e = error as { status?: unknown; error?: unknown; headers?: { get(name: string): string | null }; message?: string };
  return { status: typeof e?.status === 'number' ? e.status : undefined, body: e?.error, headers: e?.headers, message: e?.message ?? String(error) };
}
