/** One content line of a card after unfolding, with the line of the file it starts on. */
export interface ContentLine {
  text: string;
  line: number;
}

const QUOTED_PRINTABLE = /^[^:]*;(ENCODING=)?QUOTED-PRINTABLE[;:]/i;
// vCard 2.1 BASE64 values go on until a blank line, indented or not (Outlook, Android).
const BASE64_21 = /^[^:]*;(ENCODING=)?BASE64[;:]/i;
// A photo, logo, sound or key is never read: its data can be hundreds of lines long and says nothing
// about who the person is (RFC 6350 6.2.4, 6.6.3, 6.7.5, 6.8.1).
const BINARY = /^([A-Za-z0-9-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]/i;

/**
 * Unfolds a card into its content lines (RFC 6350 3.2, RFC 2425 5.8.1: a line starting with one space
 * or tab continues the previous one), joins vCard 2.1 quoted-printable soft line breaks and BASE64
 * blocks, and leaves out binary properties.
 */
export function contentLines(card: string, firstLine: number): ContentLine[] {
  const lines: ContentLine[] = [];
  let inBinary = false;
  card.split(/\r\n|\r|\n/).forEach((text, i) => {
    const last = lines.at(-1);
    if (last && QUOTED_PRINTABLE.test(last.text) && last.text.endsWith('=')) {
      last.text = last.text.slice(0, -1) + text;
      return;
    }
    if (last && /^[ \t]/.test(text)) {
      last.text += text.slice(1);
      return;
    }
    // Base64 has no ':': a line without one after binary data is more of it (a 2.1 block, or a
    // continuation that lost its leading space), never a property of its own.
    if (inBinary && last && text.trim() !== '' && !text.includes(':')) {
      last.text += text;
      return;
    }
    inBinary = false;
    if (text.trim() === '') return;
    lines.push({ text, line: firstLine + i });
    inBinary = BASE64_21.test(text) || BINARY.test(text);
  });
  return lines.filter((l) => !BINARY.test(l.text));
}
