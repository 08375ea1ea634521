import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Gaps } from '../core/gaps.ts';
import { defaultLexicon } from '../core/lexicon.ts';
import type { Contact, Profile } from '../core/profile.ts';
import { defaultWindow } from '../core/window.ts';
import { computeGaps } from '../network/gaps/compute-gaps.ts';
import { mergeContact, samePerson } from '../network/prepare-contacts.ts';
import { readVcards } from '../network/vcard.ts';

/** The gaps of a profile now, with the store's upcoming events as give-first opportunities. */
export async function gapsFor(
  deps: { store: EventStore | null; clock: Clock },
  profile: Profile,
  contacts: Contact[],
): Promise<Gaps> {
  const nowMs = deps.clock.now();
  const window = defaultWindow(nowMs);
  const events = deps.store
    ? await deps.store.listEvents({ fromMs: nowMs, toMs: window.toMs, includeUndated: true, includeCancelled: false })
    : [];
  return computeGaps({ profile, contacts, events, nowMs, lexicon: defaultLexicon() });
}

export interface ContactImport {
  contacts: Contact[];
  added: number;
  merged: number;
  warnings: string[];
}

/** Nothing in the text reads as a card (a README, a CSV, a card cut off before END:VCARD): not an import. */
export class NotAVcardError extends Error {}

/**
 * Merges a vCard export into a contact list: the same person (name + email or name + org) is merged,
 * never duplicated. Text the reader takes no card from is refused, where one broken card among good
 * ones is a warning.
 */
export function importVcard(existing: Contact[], vcard: string): ContactImport {
  const { contacts: incoming, warnings } = readVcards(vcard, defaultLexicon());
  if (incoming.length === 0) throw new NotAVcardError(`not a vCard file: no card read from it: ${warnings.join('; ')}`);
  const contacts = [...existing];
  let added = 0;
  let merged = 0;
  for (const contact of incoming) {
    const index = contacts.findIndex((c) => samePerson(c, contact));
    if (index >= 0) {
      contacts[index] = mergeContact(contacts[index]!, contact);
      merged++;
    } else {
      contacts.push(contact);
      added++;
    }
  }
  return { contacts, added, merged, warnings };
}
