import ICAL from 'ical.js';
import type { Lexicon } from '../core/lexicon.ts';
import type { Contact } from '../core/profile.ts';
import { repairVcard } from './vcard-repair.ts';

type JCardProperty = [string, Record<string, unknown>, string, ...unknown[]];

/** Google's and Android's built-in groups say nothing about a person. */
const SYSTEM_GROUPS = /^(my ?contacts|starred|starred in android|friends & family|family|coworkers|all contacts)$/i;

function values(props: JCardProperty[], name: string): unknown[] {
  return props.filter((p) => p[0] === name).flatMap((p) => p.slice(3));
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const joined = Array.isArray(value)
    ? value
        .flat()
        .filter((v) => typeof v === 'string' && v.trim())
        .join(' ')
    : String(value);
  const trimmed = joined.replace(/\s+/g, ' ').trim();
  return trimmed === '' ? undefined : trimmed;
}

function nameOf(props: JCardProperty[]): string | undefined {
  const fn = text(values(props, 'fn')[0]);
  if (fn) return fn;
  const n = values(props, 'n')[0];
  if (Array.isArray(n)) {
    const [family, given, additional, prefix, suffix] = n.map((part) => text(part));
    return text([prefix, given, additional, family, suffix].filter(Boolean).join(' '));
  }
  return text(values(props, 'org')[0]) ?? text(values(props, 'email')[0])?.replace(/^mailto:/i, '');
}

function cardToContact(props: JCardProperty[], lexicon: Lexicon): Contact | null {
  const name = nameOf(props);
  if (!name) return null;
  const org = text(values(props, 'org')[0]);
  const title = text(values(props, 'title')[0]);
  const role = text(values(props, 'role')[0]);
  const notes = text(values(props, 'note').join('\n'));
  const categories = values(props, 'categories')
    .flatMap((v) => String(v).split(','))
    .map((c) => c.trim())
    .filter((c) => c && !SYSTEM_GROUPS.test(c));
  const adr = values(props, 'adr')[0];
  const city = Array.isArray(adr) ? text(adr[3]) : undefined;
  const email = text(values(props, 'email')[0])?.replace(/^mailto:/i, '');
  const url = text(values(props, 'url')[0]);
  const described = [org, title, role, notes, ...categories].filter(Boolean).join('\n');
  const fields = [...lexicon.fieldsIn(described)];
  return {
    name: name.slice(0, 200),
    ...(email ? { email: email.slice(0, 320) } : {}),
    ...(org ? { org: org.slice(0, 200) } : {}),
    ...(title || role ? { title: [title, role].filter(Boolean).join(', ').slice(0, 200) } : {}),
    fields,
    communities: categories.slice(0, 50).map((c) => c.slice(0, 200)),
    tier: 'acquaintance',
    ...(city ? { city: city.slice(0, 200) } : {}),
    ...(notes ? { notes: notes.slice(0, 5000) } : {}),
    ...(url ? { url: url.slice(0, 2048) } : {}),
  };
}

function cardLabel(card: string, index: number): string {
  const fn = /^FN[^:\r\n]*:(.*)$/im.exec(card)?.[1]?.trim();
  return fn ? `card ${index + 1} (${fn.slice(0, 60)})` : `card ${index + 1}`;
}

/**
 * Contacts from a vCard 2.1, 3.0 or 4.0 export (Google, Apple, Outlook, Thunderbird). Each card is
 * read on its own: a broken one is skipped with a warning naming it, the rest are kept. Contacts
 * from an address book get the shallowest tier and no last meeting: the user has not said more.
 */
export function readVcards(input: string, lexicon: Lexicon): { contacts: Contact[]; warnings: string[] } {
  const textIn = input.replace(/^\uFEFF/, '');
  const cards = textIn.match(/^BEGIN:VCARD[ \t]*\r?$[\s\S]*?^END:VCARD[ \t]*\r?$/gim) ?? [];
  const warnings: string[] = [];
  if (cards.length === 0) warnings.push('no vCard found (expected BEGIN:VCARD ... END:VCARD)');
  const contacts: Contact[] = [];
  cards.forEach((card, index) => {
    let parsed: unknown;
    try {
      parsed = ICAL.parse(repairVcard(card));
    } catch (error) {
      warnings.push(
        `skipped ${cardLabel(card, index)}: ${(error instanceof Error ? error.message : 'unreadable').slice(0, 80)}`,
      );
      return;
    }
    const props = ((parsed as [string, JCardProperty[]])[1] ?? []) as JCardProperty[];
    const contact = cardToContact(props, lexicon);
    if (contact) contacts.push(contact);
    else warnings.push(`skipped ${cardLabel(card, index)}: no name`);
  });
  return { contacts, warnings };
}
