import { SourceError } from '../core/errors.ts';
import type { SourceFormat } from '../core/source.ts';
import { parseConferenceList } from './conference/parse-conference-list.ts';
import { decodeBytes } from './decode.ts';
import { detectFormat } from './detect.ts';
import { parseFeed } from './feed/parse-feed.ts';
import { parseJsonFeed } from './feed/parse-json-feed.ts';
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
      case 'rss':
        parsed = await parseFeed(decoded.text, options);
        break;
      case 'jsonfeed':
        parsed = parseJsonFeed(decoded.text, options);
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
  return { ...parsed, warnings: [...decoded.warnings, ...parsed.warnings], format };
}
