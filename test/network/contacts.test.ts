import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ContactSchema } from '../../src/core/profile.ts';
import { readVcards } from '../../src/network/vcard.ts';
import { importVcard } from '../../src/usecases/network.ts';
import { corpusFiles, corpusPath } from '../support/corpus.ts';

const read = (folder: string, file: string) =>
  readVcards(readFileSync(corpusPath(folder, file), 'utf8'), defaultLexicon());

describe('vCard import', () => {
  it.each(corpusFiles('vcard'))('%s imports without a crash into valid contacts', (file) => {
    const { contacts } = read('vcard', file);
    for (const contact of contacts) expect(ContactSchema.safeParse(contact).success).toBe(true);
  });

  it('reads Google (3.0) exports, leaving out Google system groups', () => {
    const { contacts, warnings } = read('vcard', 'ezvcard__gmail-list.vcf');
    expect(warnings).toEqual([]);
    expect(contacts.map((c) => c.name)).toEqual(['Arnold Smith', 'Chris Beatle', 'Doug White']);
  });

  it('reads Evolution: organisation, title, categories as communities, city from ADR', () => {
    const [john] = read('vcard', 'ezvcard__John_Doe_EVOLUTION.vcf').contacts;
    expect(john).toMatchObject({
      name: 'Mr. John Richter, James Doe Sr.',
      email: 'john.doe@ibm.com',
      org: 'IBM Accounting Dungeon',
      title: 'Money Counter',
      communities: ['VIP'],
      city: 'Albaney',
      tier: 'acquaintance',
    });
    expect(john?.lastSeen).toBeUndefined();
  });

  it('reads Outlook 2003 (vCard 2.1): bare parameters and quoted-printable notes', () => {
    const [john] = read('vcard', 'ezvcard__outlook-2003.vcf').contacts;
    expect(john).toMatchObject({ name: 'John Doe III', email: 'jdoe@hotmail.com', city: 'Austin' });
    expect(john?.notes).toBe('This is the note field!! Second line Third line is empty');
  });

  it('decodes quoted-printable UTF-8 names (Android 2.1)', () => {
    const { contacts, warnings } = read('vcard', 'ezvcard__John_Doe_ANDROID.vcf');
    expect(contacts.map((c) => c.name)).toContain('Ñ Ñ Ñ Ñ Ñ');
    expect(contacts.map((c) => c.name)).toContain('john.doe@company.com');
    expect(warnings).toEqual([]);
  });

  it('maps title, organisation and notes onto lexicon fields', () => {
    const vcard =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace\r\nTITLE:Penetration testing lead\r\nORG:OWASP Berlin\r\nNOTE:Speaks about Rust.\r\nEND:VCARD\r\n';
    const [grace] = readVcards(vcard, defaultLexicon()).contacts;
    expect(grace?.fields.sort()).toEqual(['rust', 'security']);
  });

  it('a broken line costs that line and a nameless card that card, each with a warning; the others are kept', () => {
    const vcard = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good One\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Card\r\nN:Card;Broken\r\nTEL;TYPE=cell\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:4.0\r\nADR;TYPE=work:;;street;city;;;\r\nEND:VCARD',
    ].join('\r\n');
    const { contacts, warnings } = readVcards(vcard, defaultLexicon());
    expect(contacts.map((c) => c.name)).toEqual(['Good One', 'Broken Card']);
    expect(warnings).toEqual([
      expect.stringMatching(/^card 2 \("Broken Card"\), line 9: unreadable TEL line dropped/),
      'skipped card 3: no name',
    ]);
  });

  it('merges the same person on re-import (name + email, or name + org) and never duplicates', () => {
    const vcard = readFileSync(corpusPath('vcard', 'ezvcard__gmail-list.vcf'), 'utf8');
    const first = importVcard([], vcard);
    const again = importVcard(first.contacts, vcard);
    expect([first.added, again.added, again.merged]).toEqual([3, 0, 3]);
    expect(again.contacts).toHaveLength(3);
  });
});
