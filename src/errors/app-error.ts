import type { CatalogKey } from './catalog.js';

export interface AppErrorOptions {
  reason?: string;
  /** Whole seconds; becomes `retryAfter` and the Retry-After header. */
  retryAfterSeconds?: number;
  /** Code-specific, safe-to-show fields (never secrets). */
  details?: Record<string, unknown>;
  /** Overrides the catalog message, for messages with values in them (signed API). */
  msg?: string;
}

/**
 * The one request-ending failure type. Services throw it with a catalog key; the HTTP layer turns it
 * into the error envelope. Expected outcomes are return values, not AppErrors.
 */
export class AppError extends Error {
  readonly key: CatalogKey;
  readonly reason: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly msgOverride: string | undefined;

  constructor(key: CatalogKey, options: AppErrorOptions = {}) {
    super(options.reason ? `${key}:${options.reason}` : key);
    this.name = 'AppError';
    this.key = key;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
    this.msgOverride = options.msg;
  }

  /**
   * The same error without a captured stack, for refusals that are routine on a hot path (a bad
   * signature, an unknown API key): nothing reads their stack, and capturing it cost a noticeable
   * share of such a refusal.
   */
  static withoutStack(key: CatalogKey, options?: AppErrorOptions): AppError {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new AppError(key, options);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
