import { foldText } from '../core/fold-text.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { Contact, Tier } from '../core/profile.ts';
import { personalNote } from './personal-note.ts';

/** A contact as the gap functions read it: merged, mapped onto fields, dates as numbers. */
export interface PreparedContact {
  contact: Contact;
  fields: Set<string>;
  lastSeenMs: number | null;
}

const TIER_RANK: Record<Tier, number> = { close: 3, regular: 2, acquaintance: 1 };

/** The same person: same name and the same email or organisation (or neither given). */
export function personKey(contact: Contact): { name: string; email: string | null; org: string | null } {
  return {
    name: foldText(contact.name),
    email: contact.email ? contact.email.trim().toLowerCase() : null,
    org: contact.org ? foldText(contact.org) : null,
  };
}

type PersonKey = ReturnType<typeof personKey>;

function sameKey(ka: PersonKey, kb: PersonKey): boolean {
  if (ka.name !== kb.name) return false;
  if (ka.email && kb.email) return ka.email === kb.email;
  if (ka.org && kb.org) return ka.org === kb.org;
  return true;
}

export function samePerson(a: Contact, b: Contact): boolean {
  return sameKey(personKey(a), personKey(b));
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Two records of one person become one: the deeper tier, the later meeting, every field and community. */
export function mergeContact(a: Contact, b: Contact): Contact {
  const later = latest(a.lastSeen, b.lastSeen) === b.lastSeen && b.lastSeen ? b : a;
  return {
    ...b,
    ...a,
    tier: TIER_RANK[a.tier] >= TIER_RANK[b.tier] ? a.tier : b.tier,
    fields: [...new Set([...a.fields, ...b.fields])],
    communities: [...new Set([...a.communities, ...b.communities])],
    ...(later.lastSeen ? { lastSeen: later.lastSeen } : {}),
    ...(later.channel ? { channel: later.channel } : {}),
  };
}

/**
 * Merges duplicates (indexed by name, so 5,000 contacts merge in linear time), maps each contact's
 * own words (fields, organisation, title, communities, notes) onto lexicon fields, and flags
 * impossible dates.
 */
export function prepareContacts(
  contacts: Contact[],
  lexicon: Lexicon,
  nowMs: number,
  warnings: string[],
): PreparedContact[] {
  // Keys are folded once per contact; comparing them is then cheap.
  const byName = new Map<string, { key: PersonKey; contact: Contact }[]>();
  const order: { key: PersonKey; contact: Contact }[][] = [];
  const duplicates = new Map<string, number>();
  for (const contact of contacts) {
    const key = personKey(contact);
    let group = byName.get(key.name);
    if (!group) {
      group = [];
      byName.set(key.name, group);
      order.push(group);
    }
    const same = group.find((entry) => sameKey(entry.key, key));
    if (same) {
      same.contact = mergeContact(same.contact, contact);
      duplicates.set(contact.name, (duplicates.get(contact.name) ?? 1) + 1);
    } else group.push({ key, contact });
  }
  for (const [name, count] of duplicates) warnings.push(`${name} is listed ${count} times; merged into one contact`);
  const prepared: PreparedContact[] = [];
  for (const { contact } of order.flat()) {
    const fields = new Set(contact.fields.map((f) => lexicon.fieldOf(f)));
    // A contact imported from a vCard keeps its NOTE as written, licence text included, and nothing
    // records where a contact came from; the filter drops only licence formulas, which a note written
    // in the profile by hand does not hold.
    const words = [contact.org, contact.title, personalNote(contact.notes), ...contact.communities]
      .filter(Boolean)
      .join(' \n ');
    for (const field of lexicon.fieldsIn(words)) fields.add(field);
    let lastSeenMs = contact.lastSeen ? Date.parse(contact.lastSeen) : null;
    if (lastSeenMs !== null && lastSeenMs > nowMs + 86_400_000) {
      warnings.push(`${contact.name}: lastSeen ${contact.lastSeen} is in the future (clock skew?); treated as unknown`);
      lastSeenMs = null;
    }
    prepared.push({ contact, fields, lastSeenMs });
  }
  return prepared;
}
