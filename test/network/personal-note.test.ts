import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { personalNote } from '../../src/network/personal-note.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { readVcards } from '../../src/network/vcard.ts';

const card = (note: string) =>
  `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nNOTE:${note.replace(/[,;]/g, (c) => `\\${c}`)}\r\nEND:VCARD\r\n`;

describe('an imported note gives fields where it speaks about the person, licence texts aside', () => {
  it.each([
    [
      'a licensing expert',
      'Open source licensing and compliance expert, maintains the SPDX tooling in Rust.',
      ['opensource', 'rust'],
    ],
    ['a copyright lawyer', 'Copyright lawyer; speaks on open source and data protection.', ['opensource', 'privacy']],
    [
      'a note in capitals',
      'MET AT RUSTCONF IN MONTREAL, WE TALKED FOR HOURS ABOUT RUST AND SECURITY.',
      ['rust', 'security'],
    ],
    [
      'a person beside an MIT grant',
      'Maintains an open source Rust crate. Permission is hereby granted, free of charge, to any person obtaining a copy of this software.',
      ['opensource', 'rust'],
    ],
  ])('%s', (_, note, fields) => {
    const [contact] = readVcards(card(note), defaultLexicon()).contacts;
    expect(contact?.fields.sort()).toEqual(fields);
  });
});

describe('licence and legal boilerplate is recognised by its formulas', () => {
  it.each([
    ['MIT grant', 'Permission is hereby granted, free of charge, to any person obtaining a copy of this software.'],
    ['MIT disclaimer', 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.'],
    [
      'BSD disclaimer',
      'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS WARRANTIES ARE DISCLAIMED.',
    ],
    [
      'BSD liability',
      'IN NO EVENT SHALL THE COPYRIGHT HOLDER BE LIABLE FOR ANY DAMAGES; LOSS OF USE, DATA, OR PROFITS.',
    ],
    [
      'BSD conditions',
      'Redistribution and use in source and binary forms, with or without modification, are permitted.',
    ],
    ['Apache header', 'Licensed under the Apache License, Version 2.0 (the "License").'],
    ['GPL header', 'This program is free software: you can redistribute it and/or modify it.'],
    ['SPDX tag', 'SPDX-License-Identifier: MIT'],
    ['copyright notice', 'Copyright (c) 2019 Jane Doe.'],
    ['rights reserved', 'Example GmbH, all rights reserved.'],
    ['Creative Commons grant', 'This work is available under a Creative Commons Attribution 4.0 licence.'],
    ['warranty', 'Distributed WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY.'],
  ])('%s is left out', (_, sentence) => {
    expect(personalNote(`Met at FOSDEM. ${sentence}`)).toBe('Met at FOSDEM.');
  });

  it('the licence texts that real exports carry give no fields, on import or when contacts are prepared', () => {
    const bsd =
      'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.';
    const lexicon = defaultLexicon();
    const { contacts } = readVcards(card(bsd), lexicon);
    expect(contacts[0]?.fields).toEqual([]);
    expect([...prepareContacts(contacts, lexicon, Date.parse('2026-12-01'), [])[0]!.fields]).toEqual([]);
  });

  it('a note written in the profile about a licensing lawyer gives its fields when contacts are prepared', () => {
    const contact = {
      name: 'Kim',
      fields: [],
      communities: [],
      tier: 'acquaintance' as const,
      notes: 'Copyright and licensing lawyer; speaks on open source and data protection.',
    };
    const [prepared] = prepareContacts([contact], defaultLexicon(), Date.parse('2026-12-01'), []);
    expect([...prepared!.fields].sort()).toEqual(['opensource', 'privacy']);
  });
});
