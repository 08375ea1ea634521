import type { StoredEvent } from './event.ts';
import { gluedWordsApart, type Lexicon } from './lexicon.ts';

/** The fields an event is about: its own topics (labels) first, then what its title and description name. */
export function eventFields(
  event: Pick<StoredEvent, 'title' | 'description' | 'topics'>,
  lexicon: Lexicon,
): Set<string> {
  const fields = new Set(event.topics.map((t) => lexicon.fieldOf(t)));
  for (const field of lexicon.fieldsIn(`${event.title}\n${event.description ?? ''}`)) fields.add(field);
  // Names glue words together ("SwiftLeeds", "RustFest"): their parts name fields too.
  const apart = gluedWordsApart(event.title);
  if (apart !== event.title) for (const field of lexicon.fieldsIn(apart)) fields.add(field);
  return fields;
}
