import type { SourceFailure } from './errors.ts';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type ReadOutcome =
  | {
      kind: 'fetched';
      body: Uint8Array;
      contentType: string | null;
      validators: Validators;
      /** Set when every hop was a 301/308: the source should be fetched there from now on (RFC 9110 15.4.2). */
      movedPermanentlyTo: string | null;
      maxAgeSeconds: number | null;
    }
  | { kind: 'not_modified'; validators: Validators }
  | { kind: 'failed'; failure: SourceFailure };

/** Reads a source's bytes: over HTTP on every runtime, from files on Node only. */
export interface SourceReader {
  read(location: string, validators: Validators): Promise<ReadOutcome>;
}
