import type { StoredEvent } from './event.ts';
import type { Lexicon } from './lexicon.ts';

/** The fields an event is about: its own topics first, then what its title and description name. */
export function eventFields(event: StoredEvent, lexicon: Lexicon): Set<string> {
  const fields = new Set(event.topics.map((t) => lexicon.fieldOf(t)));
  for (const field of lexicon.fieldsIn(`${event.title}\n${event.description ?? ''}`)) fields.add(field);
  return fields;
}
