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

const HINTS_PER_EVENT = 3;

/** Closest relationships first, then by name: the order hints are offered in. Once per contact list. */
const byCloseness = new WeakMap<readonly ShareCandidate[], ShareCandidate[]>();
function closestFirst(contacts: readonly ShareCandidate[]): ShareCandidate[] {
  let ordered = byCloseness.get(contacts);
  if (!ordered) {
    ordered = [...contacts].sort(
      (a, b) => DEPTH[b.contact.tier] - DEPTH[a.contact.tier] || a.contact.name.localeCompare(b.contact.name),
    );
    byCloseness.set(contacts, ordered);
  }
  return ordered;
}

function sharedField(theirs: Set<string>, fields: Set<string>): string | undefined {
  for (const field of theirs) if (fields.has(field)) return field;
  return undefined;
}

/**
 * Give first by sharing: contacts who work in the event's fields and are not already in its
 * community (they would know of it already), closest relationships first, at most three.
 * `foldedText` is the event's text folded and space-padded (see EventCatalog.foldedTextOf).
 */
export function shareHints(
  fields: Set<string>,
  foldedText: string,
  contacts: readonly ShareCandidate[],
  lexicon: Lexicon,
): ShareHint[] {
  if (fields.size === 0) return [];
  const hints: ShareHint[] = [];
  for (const { contact, fields: theirs } of closestFirst(contacts)) {
    const shared = sharedField(theirs, fields);
    if (!shared) continue;
    if (contact.communities.length > 0 && communitiesOf(contact).some((c) => foldedText.includes(c))) continue;
    const firstName = contact.name.split(/\s+/)[0] ?? contact.name;
    hints.push({
      name: contact.name,
      why: `${firstName} works in ${lexicon.label(shared)}`,
      ...(contact.email ? { email: contact.email } : {}),
    });
    if (hints.length === HINTS_PER_EVENT) break;
  }
  return hints;
}
