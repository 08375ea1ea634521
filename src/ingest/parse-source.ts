import { SourceError } from '../core/errors.ts';
import type { SourceFormat } from '../core/source.ts';
import { parseConferenceList } from './conference/parse-conference-list.ts';
import { decodeBytes } from './decode.ts';
import { detectFormat } from './detect.ts';
import { parseIcs } from './ical/parse-ics.ts';
import type { ParsedSource, ParseOptions } from './parsed-source.ts';

/** Bytes of any supported format to records; the format comes from the content, not the name. */
export async function parseSourceBytes(
  body: Uint8Array,
  contentType: string | null,
  options: ParseOptions,
): Promise<ParsedSource & { format: SourceFormat }> {
  const decoded = decodeBytes(body, contentType);
  const format = detectFormat(decoded.text, contentType);
  let parsed: ParsedSource;
  try {
    switch (format) {
      case 'ical':
        parsed = parseIcs(decoded.text, options);
        break;
      // Feed parsing pulls in an XML parser and a natural-language date parser: loaded when a feed arrives.
      case 'rss':
        parsed = await (await import('./feed/parse-feed.ts')).parseFeed(decoded.text, options);
        break;
      case 'jsonfeed':
        parsed = (await import('./feed/parse-json-feed.ts')).parseJsonFeed(decoded.text, options);
        break;
      case 'conference-list':
        parsed = parseConferenceList(decoded.text, options);
        break;
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    // A parser bug or a hostile input the parser chokes on: one source fails, the run goes on.
    throw new SourceError('parse', `${format} parser failed (${error instanceof Error ? error.name : 'error'})`);
  }
  // In place: a streaming parser keeps appending to this same array while its records are stored.
  parsed.warnings.unshift(...decoded.warnings);
  return { ...parsed, format };
}
