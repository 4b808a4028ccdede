/**
 * Every error we raise on purpose carries `retryable`, so the runner's single retry loop can
 * decide without string matching.
 */
export class CodebenchError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable;
  }
}

/**
 * Something the user can fix: a bad flag, file, line or config. The CLI prints the message as one
 * line and exits 2.
 */
export class InputError extends CodebenchError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { retryable: false, cause: options.cause });
  }
}

/** The sandbox could not run the code at all: the sample becomes `unscored`, not `fail`. */
export class SandboxError extends CodebenchError {
  constructor(message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, { retryable: options.retryable ?? true, cause: options.cause });
  }
}

/** A model call failed. Built in one place from each SDK's error. */
export class AdapterError extends CodebenchError {
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    options: { retryable: boolean; status?: number; requestId?: string; retryAfterMs?: number; cause?: unknown },
  ) {
    super(message, { retryable: options.retryable, cause: options.cause });
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
  }
}
