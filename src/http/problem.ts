/** The closed set of error codes the API answers with (RFC 9457 problem details, `type` ends in the code). */
export const PROBLEM_CODES = [
  'malformed_json',
  'validation_failed',
  'unauthorized',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

const TITLES: Record<ProblemCode, string> = {
  malformed_json: 'The request body is not valid JSON',
  validation_failed: 'The request does not match the schema',
  unauthorized: 'A valid API key is needed',
  not_found: 'Not found',
  conflict: 'Already exists',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'The request body is not in a type this route accepts',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong on our side',
  unavailable: 'Busy for a moment: try again shortly',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ProblemCode;
  /** For validation failures: each field path and what is wrong with it. */
  errors?: { path: string; message: string }[];
}

export function problemBody(
  code: ProblemCode,
  status: number,
  detail?: string,
  errors?: ProblemBody['errors'],
): ProblemBody {
  return {
    type: `https://convene.invalid/problems/${code}`,
    title: TITLES[code],
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

/** A problem response; a plain Response, since every route declares the Problem schema for its errors. */
export function problem(code: ProblemCode, status: number, detail?: string, errors?: ProblemBody['errors']): Response {
  return new Response(JSON.stringify(problemBody(code, status, detail, errors)), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** A validation failure naming each field (under `prefix` when given) and what is wrong with it. */
export function validationFailed(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix?: string,
): ProblemError {
  return new ProblemError(
    'validation_failed',
    400,
    'see errors',
    issues.map((i) => {
      const path = [...(prefix ? [prefix] : []), ...i.path.map(String)].join('.');
      return { path: path || '(root)', message: i.message };
    }),
  );
}

/** Thrown by a route for an expected failure; the app's error handler renders it as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly status: number,
    readonly detail?: string,
    readonly errors?: ProblemBody['errors'],
  ) {
    super(detail ?? code);
    this.name = 'ProblemError';
  }
}
