import ICAL from 'ical.js';
import type { Lexicon } from '../core/lexicon.ts';
import type { Contact } from '../core/profile.ts';
import { errorReason, excerpt } from '../ingest/excerpt.ts';
import { newlinesBetween } from '../ingest/line-count.ts';
import { personalNote } from './personal-note.ts';
import { type ContentLine, contentLines } from './vcard-lines.ts';
import { repairVcard } from './vcard-repair.ts';

type JCardProperty = [string, Record<string, unknown>, string, ...unknown[]];

/** Google's and Android's built-in groups say nothing about a person. */
const SYSTEM_GROUPS = /^(my ?contacts|starred|starred in android|friends & family|family|coworkers|all contacts)$/i;

function values(props: JCardProperty[], name: string): unknown[] {
  return props.filter((p) => p[0] === name).flatMap((p) => p.slice(3));
}

// An escaped backslash is set aside before ical.js reads a card, so that what is left escaped after it
// (ical.js unescapes only \\, \, and \n in vCard text) can be told from a backslash that was written.
const ESCAPED_BACKSLASH = '\uE000';

/**
 * RFC 6350 3.4 and RFC 2426 5.8.4: \; \, \n and \\ in text. Apple also escapes ':' and '"', Google
 * escapes ':' in URLs; a backslash before any of them is an escape, never part of the value.
 */
function unescapeVcard(value: string): string {
  return value
    .replace(/\\([;,:"nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch))
    .replaceAll(ESCAPED_BACKSLASH, '\\');
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const joined = Array.isArray(value)
    ? value
        .flat()
        .filter((v) => typeof v === 'string' && v.trim())
        .join(' ')
    : String(value);
  const trimmed = unescapeVcard(joined).replace(/\s+/g, ' ').trim();
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
  // A note gives fields only where it speaks about the person, not through a licence pasted into it.
  const described = [org, title, role, personalNote(notes), ...categories].filter(Boolean).join('\n');
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
  return fn ? `card ${index + 1} (${excerpt(fn, 60)})` : `card ${index + 1}`;
}

function parseCard(lines: ContentLine[]): JCardProperty[] {
  const card = repairVcard(lines.map((l) => l.text).join('\r\n')).replaceAll('\\\\', ESCAPED_BACKSLASH);
  const parsed = ICAL.parse(`${card}\r\n`) as unknown as [string, JCardProperty[]];
  return parsed[1] ?? [];
}

/**
 * A card ical.js refuses is read line by line: the lines it cannot read are dropped with a warning
 * naming the card, the line and the property, and the person is still imported from the rest.
 */
function readCard(lines: ContentLine[], label: string, warnings: string[]): JCardProperty[] {
  try {
    return parseCard(lines);
  } catch {
    const version = lines.find((l) => /^VERSION:/i.test(l.text));
    const props: JCardProperty[] = [];
    for (const line of lines) {
      if (/^(BEGIN|END):VCARD\b|^VERSION:/i.test(line.text)) continue;
      const alone = [
        { text: 'BEGIN:VCARD', line: 0 },
        ...(version ? [version] : []),
        line,
        { text: 'END:VCARD', line: 0 },
      ];
      try {
        props.push(...parseCard(alone).filter((p) => p[0] !== 'version'));
      } catch (error) {
        const name = (/^[A-Za-z0-9.-]+/.exec(line.text)?.[0] ?? '?').slice(0, 40);
        warnings.push(`${label}, line ${line.line}: unreadable ${name} line dropped (${errorReason(error)})`);
      }
    }
    return props;
  }
}

/**
 * Contacts from a vCard 2.1, 3.0 or 4.0 export (iOS, macOS, Google, Outlook, Android, Thunderbird).
 * Each card is read on its own: a broken line costs that line, a card without a name that card, and
 * the rest are kept. Photos are not read. Contacts from an address book get the shallowest tier and
 * no last meeting: the user has not said more.
 */
export function readVcards(input: string, lexicon: Lexicon): { contacts: Contact[]; warnings: string[] } {
  const textIn = input.replace(/^\uFEFF/, '');
  const cards = [...textIn.matchAll(/^BEGIN:VCARD[ \t]*\r?$[\s\S]*?^END:VCARD[ \t]*\r?$/gim)];
  const warnings: string[] = [];
  if (cards.length === 0) warnings.push('no vCard found (expected BEGIN:VCARD ... END:VCARD)');
  const contacts: Contact[] = [];
  let line = 1;
  let scanned = 0;
  cards.forEach((match, index) => {
    line += newlinesBetween(textIn, scanned, match.index);
    scanned = match.index;
    const card = match[0];
    const label = cardLabel(card, index);
    const props = readCard(contentLines(card, line), label, warnings);
    const contact = cardToContact(props, lexicon);
    if (contact) contacts.push(contact);
    else warnings.push(`skipped ${label}: no name`);
  });
  return { contacts, warnings };
}
