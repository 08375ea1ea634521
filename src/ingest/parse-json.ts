import { SourceError } from '../core/errors.ts';

/** JSON from a source, or a parse failure that says which kind of source it should have been. */
export function parseSourceJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SourceError('parse', `${what} is not valid JSON`);
  }
}
