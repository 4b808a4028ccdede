/**
 * The SDKs' `timeout` stops at the response headers; a stream that stalls after them would hang
 * for ever. This aborts the request when nothing arrives for `idleMs`, and follows the caller's
 * own signal too.
 */
export class IdleAbort {
  readonly #controller = new AbortController();
  readonly #idleMs: number;
  readonly #outer: AbortSignal | undefined;
  readonly #onOuterAbort = () => this.#controller.abort();
  #timer: NodeJS.Timeout | undefined;
  #timedOut = false;

  constructor(idleMs: number, outer?: AbortSignal) {
    this.#idleMs = idleMs;
    this.#outer = outer;
    if (outer?.aborted) this.#controller.abort();
    outer?.addEventListener('abort', this.#onOuterAbort, { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** True when this timer, not the caller, ended the request. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** Something arrived: restart the clock. */
  touch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort();
    }, this.#idleMs);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }
}
