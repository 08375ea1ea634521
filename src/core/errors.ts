/** The closed set of ways fetching or reading a source can fail; stored on the source. */
export const FAILURE_KINDS = ['timeout', 'network', 'http', 'too_large', 'blocked', 'not_a_feed', 'parse'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface SourceFailure {
  kind: FailureKind;
  /** Short and built from facts (status, limits), never from the fetched body. */
  message: string;
  status?: number;
  retryAfterMs?: number;
}

export class SourceError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export function failure(kind: FailureKind, message: string, extra: Partial<SourceFailure> = {}): SourceFailure {
  return { kind, message: message.slice(0, 300), ...extra };
}

/** An event id that the store does not hold (a mistyped id, or an event since removed). */
export class UnknownEventError extends Error {}
