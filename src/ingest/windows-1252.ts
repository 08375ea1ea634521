// What windows-1252 puts at 0x80-0x9F. Node 20's TextDecoder, for every label the Encoding Standard
// maps to windows-1252 (windows-1252, iso-8859-1, latin1, us-ascii), returns those bytes as C1 control
// characters, so the table is written out rather than asked of it.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const C1 = /[\u0080-\u009F]/g;

/**
 * C1 control characters read as the windows-1252 punctuation they stand for ("demoronize", as
 * feedparser calls it); `count` says how many there were. The five bytes windows-1252 leaves undefined
 * stay out.
 */
export function c1AsWindows1252(text: string): { text: string; count: number } {
  let count = 0;
  const repaired = text.replace(C1, (ch) => {
    count++;
    const mapped = WINDOWS_1252_C1[ch.charCodeAt(0) - 0x80]!;
    return mapped === ch ? '' : mapped;
  });
  return { text: count === 0 ? text : repaired, count };
}
