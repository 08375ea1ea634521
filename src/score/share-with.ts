import type { StoredEvent } from '../core/event.ts';
import { foldText } from '../core/fold-text.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { Contact } from '../core/profile.ts';
import type { ShareHint } from '../core/ranking.ts';

export interface ShareCandidate {
  contact: Contact;
  fields: Set<string>;
}

const DEPTH = { close: 3, regular: 2, acquaintance: 1 } as const;

/** Communities folded once per contact, not once per contact and pick. */
const foldedCommunities = new WeakMap<Contact, string[]>();
function communitiesOf(contact: Contact): string[] {
  let folded = foldedCommunities.get(contact);
  if (!folded) {
    folded = contact.communities.map((c) => ` ${foldText(c)} `);
    foldedCommunities.set(contact, folded);
  }
  return folded;
}

/**
 * Give first by sharing: contacts who work in the event's fields and are not already in its
 * community (they would know of it already), closest relationships first, at most three.
 */
export function shareHints(
  event: StoredEvent,
  fields: Set<string>,
  contacts: ShareCandidate[],
  lexicon: Lexicon,
): ShareHint[] {
  if (fields.size === 0) return [];
  const eventText = ` ${foldText(`${event.title} ${event.organizer ?? ''} ${event.description ?? ''}`)} `;
  const hints: { hint: ShareHint; depth: number }[] = [];
  for (const { contact, fields: theirs } of contacts) {
    const shared = [...theirs].find((f) => fields.has(f));
    if (!shared) continue;
    if (contact.communities.length > 0 && communitiesOf(contact).some((c) => eventText.includes(c))) continue;
    const firstName = contact.name.split(/\s+/)[0] ?? contact.name;
    hints.push({
      hint: {
        name: contact.name,
        why: `${firstName} works in ${lexicon.label(shared)}`,
        ...(contact.email ? { email: contact.email } : {}),
      },
      depth: DEPTH[contact.tier],
    });
  }
  return hints
    .sort((a, b) => b.depth - a.depth || a.hint.name.localeCompare(b.hint.name))
    .slice(0, 3)
    .map((h) => h.hint);
}
