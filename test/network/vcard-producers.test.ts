import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ContactSchema } from '../../src/core/profile.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { readVcards } from '../../src/network/vcard.ts';
import { shareHints } from '../../src/score/share-with.ts';
import { corpusPath } from '../support/corpus.ts';
import { itWith } from '../support/needs-component.ts';
import { runPython } from '../support/python.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'vcard');
const fixture = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const read = (text: string) => readVcards(text, defaultLexicon());

// vobject does not join vCard 2.1 quoted-printable soft line breaks; they are joined on QP lines only.
const VOBJECT_NAMES = `
import sys, json, re, vobject
lines, out, i = sys.stdin.read().split('\\r\\n'), [], 0
while i < len(lines):
    line = lines[i]
    if re.search('QUOTED-PRINTABLE', line.split(':', 1)[0], re.I):
        while line.endswith('=') and i + 1 < len(lines):
            i += 1
            line = line[:-1] + lines[i]
    out.append(line)
    i += 1
cards = list(vobject.readComponents('\\r\\n'.join(out)))
print(json.dumps([{'name': c.fn.value, 'photo': hasattr(c, 'photo')} for c in cards]))
`;

const PRODUCERS = [
  ['iOS 17 (vCard 3.0)', 'ios-17-export.vcf'],
  ['macOS Contacts (vCard 3.0)', 'macos-contacts-export.vcf'],
  ['Google Contacts (vCard 3.0)', 'google-contacts-export.vcf'],
  ['Outlook (vCard 2.1)', 'outlook-2021-export.vcf'],
  ['Android 14 (vCard 2.1)', 'android-14-export.vcf'],
  ['Thunderbird 115 (vCard 4.0)', 'thunderbird-115-export.vcf'],
] as const;

describe('contact exports of every common producer, photos included', () => {
  itWith('python3-vobject').each(PRODUCERS)('%s: every person the independent reader sees is imported', (_, file) => {
    const text = fixture(file);
    const independent = runPython<{ name: string; photo: boolean }[]>(VOBJECT_NAMES, text);
    expect(independent.some((card) => card.photo)).toBe(true);
    const { contacts, warnings } = read(text);
    expect(warnings).toEqual([]);
    expect(contacts.map((c) => c.name)).toEqual(independent.map((card) => card.name));
    for (const contact of contacts) expect(ContactSchema.safeParse(contact).success).toBe(true);
  });

  it('an iOS card whose PHOTO is folded over hundreds of one-space continuation lines imports the person', () => {
    const text = fixture('ios-17-export.vcf');
    const photoLines = text.split('\r\n').filter((line) => /^ [A-Za-z0-9+/=]+$/.test(line));
    expect(photoLines.length).toBeGreaterThan(300);
    const [ada] = read(text).contacts;
    expect(ada).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.org', title: 'Rust developer' });
    expect(ada?.fields).toContain('rust');
  });

  it('an unreadable line costs that line only; a photo line that lost its fold is dropped with the photo', () => {
    const ios = fixture('ios-17-export.vcf').split('\r\n');
    const photoAt = ios.findIndex((line) => line.startsWith('PHOTO'));
    // A continuation that lost its leading space: the line ical.js reported as "no token ';' or ':'".
    ios.splice(8, 0, 'TEL;type=CELL');
    ios[photoAt + 3] = ios[photoAt + 3]!.trimStart();
    const { contacts, warnings } = read(ios.join('\r\n'));
    expect(contacts.map((c) => c.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Margaret Hamilton']);
    expect(contacts[0]).toMatchObject({ email: 'ada@example.org', title: 'Rust developer' });
    expect(warnings).toEqual([
      expect.stringMatching(/^card 1 \("Ada Lovelace"\), line 9: unreadable TEL line dropped/),
    ]);
  });

  it('a card without a name is skipped alone and the next cards are imported', () => {
    const text = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL;TYPE=x:\r\nEND:VCARD',
      fixture('google-contacts-export.vcf'),
    ].join('\r\n');
    const { contacts, warnings } = read(text);
    expect(contacts.map((c) => c.name)).toEqual(['Katherine Johnson', 'Alan Turing']);
    expect(warnings).toEqual(['skipped card 1: no name']);
  });
});

describe('vCard text is unescaped per RFC 6350 and RFC 2426', () => {
  it('vCard notes keep no escaped semicolons and URLs no backslash (iOS, Android, Google, macOS)', () => {
    const [ada] = read(fixture('ios-17-export.vcf')).contacts;
    expect(ada?.notes).toBe('Met at RustFest; gave the talk on embedded Rust. Wants to mentor newcomers.');
    expect(ada?.url).toBe('https://ada.example.org/talks');
    const [juergen] = read(fixture('android-14-export.vcf')).contacts;
    expect(juergen?.notes).toMatch(/^Kubernetes und Observability; trifft/);
    const [greg] = read(readFileSync(corpusPath('vcard', 'ezvcard__gmail-single.vcf'), 'utf8')).contacts;
    expect(greg?.url).toBe('http://TheProfile.com');
    const [john] = read(readFileSync(corpusPath('vcard', 'ezvcard__John_Doe_MAC_ADDRESS_BOOK.vcf'), 'utf8')).contacts;
    expect(john?.url).toBe('http://www.ibm.com');
    expect(john?.notes).toContain('"AS IS"');
    expect(john?.notes).toContain('SERVICES; LOSS OF USE');
    expect(john?.notes).toMatch(/Favotire Color: Blue$/);
  });

  it('an escaped backslash stays one backslash, however it is followed', () => {
    const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Path Person\r\nNOTE:C:\\\\temp\\\\new\\; done\r\nEND:VCARD\r\n';
    expect(read(card).contacts[0]?.notes).toBe('C:\\temp\\new; done');
  });
});

describe('notes give fields only where they speak about the person', () => {
  it.each([
    'ezvcard__John_Doe_GMAIL.vcf',
    'ezvcard__John_Doe_MAC_ADDRESS_BOOK.vcf',
    'ezvcard__John_Doe_EVOLUTION.vcf',
    'ezvcard__John_Doe_MS_OUTLOOK.vcf',
  ])('a licence text in the NOTE of %s gives no fields and no share-with suggestion', (file) => {
    const lexicon = defaultLexicon();
    const { contacts } = read(readFileSync(corpusPath('vcard', file), 'utf8'));
    const [john] = contacts;
    expect(john?.notes).toMatch(/WARRANTIES/);
    expect(john?.fields).toEqual([]);
    const prepared = prepareContacts(contacts, lexicon, Date.parse('2026-12-01'), []);
    expect([...prepared[0]!.fields]).toEqual([]);
    const eventFields = new Set(['opensource', 'data']);
    expect(shareHints(eventFields, ' open source data meetup ', prepared, lexicon)).toEqual([]);
  });

  it('a note about the person still gives fields, beside a licence sentence', () => {
    const card =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lin\r\nNOTE:Maintains an open source Rust crate. Licensed under the MIT licence\\, provided as is.\r\nEND:VCARD\r\n';
    const [lin] = read(card).contacts;
    expect(lin?.fields.sort()).toEqual(['opensource', 'rust']);
  });
});
