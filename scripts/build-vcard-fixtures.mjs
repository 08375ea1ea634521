// Writes test/fixtures/vcard/*.vcf: contact exports shaped as each common producer writes them, photos
// included, so the vCard reader is tested on the layouts real address books produce. The photos in
// test/fixtures/vcard/photos were drawn for this project (Chromium canvas, JPEG). Run:
//   node scripts/build-vcard-fixtures.mjs
// and check the result with an independent reader (test/network/vcard-producers.test.ts runs vobject).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'vcard');
const photo = (name) => readFileSync(join(dir, 'photos', `${name}.jpg`)).toString('base64');

/** RFC 6350 3.2 / RFC 2425 5.8.1: lines of at most 75 octets, continued on lines starting with one space. */
function fold(line, width = 75) {
  const out = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? width : width - 1)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.map((part, i) => (i === 0 ? part : ` ${part}`)).join('\r\n');
}

/** vCard 2.1 BASE64 (Outlook, Android): the value goes on in indented lines and ends with a blank line. */
function base64Block(head, data, firstOnHeadLine) {
  const lines = [];
  let rest = data;
  if (firstOnHeadLine) {
    lines.push(`${head}:${rest.slice(0, 76 - head.length - 1)}`);
    rest = rest.slice(76 - head.length - 1);
  } else lines.push(`${head}:`);
  while (rest) {
    lines.push(` ${rest.slice(0, 76)}`);
    rest = rest.slice(76);
  }
  return [...lines, ''];
}

/** Quoted-printable as Android and Outlook write it: UTF-8 bytes, soft line breaks at 76 characters. */
function quotedPrintable(text) {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    encoded += byte >= 33 && byte <= 126 && ch !== '=' ? ch : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  const lines = [];
  while (encoded.length > 73) {
    let cut = 73;
    while (encoded[cut - 1] === '=' || encoded[cut - 2] === '=') cut--;
    lines.push(`${encoded.slice(0, cut)}=`);
    encoded = encoded.slice(cut);
  }
  lines.push(encoded);
  return lines.join('\r\n');
}

const card = (lines) => ['BEGIN:VCARD', ...lines.flat(), 'END:VCARD'].join('\r\n');
const file = (name, cards) => writeFileSync(join(dir, name), `${cards.join('\r\n')}\r\n`);

// iPhone (iOS 17) "Share Contact" / iCloud export: vCard 3.0, Apple's grouped items, escaped ':' in URLs,
// PHOTO as base64 folded over hundreds of lines.
file('ios-17-export.vcf', [
  card([
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 17.5.1//EN',
    'N:Lovelace;Ada;;;',
    'FN:Ada Lovelace',
    'ORG:Analytical Engines Ltd;',
    'TITLE:Rust developer',
    'EMAIL;type=INTERNET;type=HOME;type=pref:ada@example.org',
    'TEL;type=CELL;type=VOICE;type=pref:+44 20 7946 0018',
    'item1.ADR;type=HOME;type=pref:;;12 St James\\, Square;London;;SW1Y 4JH;United Kingdom',
    'item1.X-ABADR:gb',
    'item2.URL;type=pref:https\\://ada.example.org/talks',
    'item2.X-ABLabel:_$!<HomePage>!$_',
    fold('NOTE:Met at RustFest\\; gave the talk on embedded Rust.\\nWants to mentor newcomers.'),
    'BDAY:1815-12-10',
    fold(`PHOTO;ENCODING=b;TYPE=JPEG:${photo('photo-c')}`),
  ]),
  card([
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 17.5.1//EN',
    'N:Hopper;Grace;;;',
    'FN:Grace Hopper',
    'ORG:Navy Data Systems;Compilers',
    'TITLE:Compiler engineer',
    'EMAIL;type=INTERNET;type=WORK;type=pref:grace@example.com',
    'TEL;type=IPHONE;type=CELL;type=VOICE;type=pref:+1 202 555 0143',
    fold(`PHOTO;ENCODING=b;TYPE=JPEG:${photo('photo-a')}`),
  ]),
  card([
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iPhone OS 17.5.1//EN',
    'N:Hamilton;Margaret;;;',
    'FN:Margaret Hamilton',
    'EMAIL;type=INTERNET;type=HOME;type=pref:margaret@example.net',
  ]),
]);

// macOS Contacts (Address Book) export: vCard 3.0, PHOTO;BASE64 with the data on lines indented by two
// spaces (as in ez-vcard's John_Doe_MAC_ADDRESS_BOOK sample), X-ABShowAs for a company card.
const macPhoto = (data) => {
  const lines = ['PHOTO;BASE64:'];
  for (let i = 0; i < data.length; i += 76) lines.push(`  ${data.slice(i, i + 76)}`);
  return lines;
};
file('macos-contacts-export.vcf', [
  card([
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//macOS 14.5//EN',
    'N:Liskov;Barbara;;;',
    'FN:Barbara Liskov',
    'ORG:Programming Methodology Group;',
    'TITLE:Professor',
    'EMAIL;type=INTERNET;type=WORK;type=pref:barbara@example.edu',
    'item1.URL;type=pref:http\\://www.example.edu/~liskov',
    'item1.X-ABLabel:_$!<HomePage>!$_',
    'NOTE:Works on distributed systems and security.',
    macPhoto(photo('photo-b')),
  ]),
  card([
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//macOS 14.5//EN',
    'N:;;;;',
    'FN:Berlin Rust Meetup',
    'ORG:Berlin Rust Meetup;',
    'X-ABShowAs:COMPANY',
    'item1.URL;type=pref:https\\://berline.rs',
    'item1.X-ABLabel:_$!<HomePage>!$_',
  ]),
]);

// Google Contacts "Export > vCard": vCard 3.0, TYPE= parameters in capitals, system groups in CATEGORIES,
// photos as links to Google's servers, escaped ':' in URLs.
file('google-contacts-export.vcf', [
  card([
    'VERSION:3.0',
    'FN:Katherine Johnson',
    'N:Johnson;Katherine;;;',
    'EMAIL;TYPE=INTERNET;TYPE=WORK:katherine@example.org',
    'TEL;TYPE=CELL:+1 757 555 0199',
    'ADR;TYPE=HOME:;;;Hampton;VA;;US',
    'ORG:Flight Research',
    'TITLE:Data scientist',
    'URL;TYPE=WORK:https\\://katherine.example.org',
    'NOTE:Python and data visualisation\\, met at PyData.',
    'CATEGORIES:myContacts,PyData friends',
    fold('PHOTO:https://lh3.googleusercontent.com/contacts/AOlT3tZ1example-katherine-photo-link=s100'),
  ]),
  card([
    'VERSION:3.0',
    'FN:Alan Turing',
    'N:Turing;Alan;;;',
    'EMAIL;TYPE=INTERNET;TYPE=HOME:alan@example.co.uk',
    'CATEGORIES:myContacts,starred',
    fold('PHOTO:https://lh3.googleusercontent.com/contacts/AOlT3tZ2example-alan-photo-link=s100'),
  ]),
]);

// Outlook (Windows) "Save as vCard": vCard 2.1, bare parameters, quoted-printable notes with CRLF,
// a LABEL, and PHOTO;TYPE=JPEG;ENCODING=BASE64 on indented lines closed by a blank line.
file('outlook-2021-export.vcf', [
  card([
    'VERSION:2.1',
    'N;LANGUAGE=en-us:Berners-Lee;Tim',
    'FN:Tim Berners-Lee',
    'ORG:Web Standards Consortium;Architecture',
    'TITLE:Director',
    `NOTE;ENCODING=QUOTED-PRINTABLE:${quotedPrintable('Web standards and open data.\r\nAsk about the linked data workshop.')}`,
    'TEL;WORK;VOICE:+1 617 555 0100',
    'ADR;WORK;PREF:;;32 Vassar Street;Cambridge;MA;02139;United States of America',
    `LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:${quotedPrintable('32 Vassar Street\r\nCambridge, MA 02139')}`,
    'URL;WORK:http://www.example.org/People/Berners-Lee',
    base64Block('PHOTO;TYPE=JPEG;ENCODING=BASE64', photo('photo-b'), false),
    'EMAIL;PREF;INTERNET:timbl@example.org',
    'REV:20240301T101500Z',
  ]),
  card([
    'VERSION:2.1',
    'N;LANGUAGE=en-us:Goldberg;Adele',
    'FN:Adele Goldberg',
    'ORG:Smalltalk Research',
    'EMAIL;PREF;INTERNET:adele@example.com',
    'REV:20240301T101500Z',
  ]),
]);

// Android Contacts "Export to .vcf": vCard 2.1, UTF-8 names in quoted-printable, PHOTO;ENCODING=BASE64;JPEG
// starting on the property line, continued on lines starting with one space, closed by a blank line.
file('android-14-export.vcf', [
  card([
    'VERSION:2.1',
    `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${quotedPrintable('Müller;Jürgen')};;;`,
    `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${quotedPrintable('Jürgen Müller')}`,
    'TEL;CELL:+49 30 5550 1234',
    'EMAIL;HOME:juergen@example.de',
    'ORG:Kubernetes Berlin',
    'TITLE:Site reliability engineer',
    `NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${quotedPrintable('Kubernetes und Observability; trifft man beim KubeCon-Stammtisch in Köln. Bringt immer Kaffee mit.')}`,
    base64Block('PHOTO;ENCODING=BASE64;JPEG', photo('photo-a'), true),
  ]),
  card([
    'VERSION:2.1',
    'N:Ito;Yuki;;;',
    'FN:Yuki Ito',
    'TEL;CELL:+81 3 5555 0100',
    'X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Yu;1;;;;;;;;;;;;;',
  ]),
]);

// Thunderbird 115 address book export: vCard 4.0, PREF=1, VALUE=URL, photo as a data: URI folded per RFC 6350.
file('thunderbird-115-export.vcf', [
  card([
    'VERSION:4.0',
    'PRODID:-//Thunderbird//EN',
    'N:Perlman;Radia;;;',
    'FN:Radia Perlman',
    'EMAIL;PREF=1:radia@example.net',
    'TEL;TYPE=work;VALUE=TEXT:+1 408 555 0147',
    'ORG:Networking Research',
    'TITLE:Network engineer',
    'NOTE:Spanning tree\\, routing protocols and network security.',
    'URL;VALUE=URL:https://radia.example.net',
    fold(`PHOTO;VALUE=URL:data:image/jpeg;base64,${photo('photo-c')}`),
    'UID:6b9c4f2e-1d2a-4c55-9a1e-4a0f3c2b7d10',
  ]),
  card([
    'VERSION:4.0',
    'PRODID:-//Thunderbird//EN',
    'N:Stallman;Richard;;;',
    'FN:Richard Stallman',
    'EMAIL;PREF=1:rms@example.org',
    'UID:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  ]),
]);
