import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';
import { requestHeader } from './request-header.ts';

/** A JSON body route refuses other media types with 415 before reading the body (RFC 9110 15.5.16). */
export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = requestHeader(c, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new ProblemError('unsupported_media_type', 415, 'send the body as application/json');
  await next();
};
