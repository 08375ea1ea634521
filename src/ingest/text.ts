import { decodeHTML, decodeHTMLStrict } from 'entities';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls but tab and newline: NUL stops SQL length() and LIKE, the rest are never meant. C1
// controls meant as windows-1252 punctuation were mapped when the bytes were decoded (decode.ts).
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const ANY_CONTROL = new RegExp(CONTROL.source);
const SURROGATE = /[\uD800-\uDFFF]/;
/** Either of the two above, so text with neither (nearly all) is scanned once, not twice. */
const CONTROL_OR_SURROGATE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uD800-\uDFFF]/;
/** CONTROL_OR_SURROGATE or what NOT_ONE_BLANK replaces (a tab, or two spaces): multi-line text's one scan. */
const CONTROL_SURROGATE_OR_BLANKS = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\uD800-\uDFFF]| {2}/;
/** The runs of whitespace that are not already one plain space (replacing `\s+` would copy every text). */
const NOT_ONE_SPACE = /\s{2,}|[^\S ]/g;
/** The same for spaces and tabs, where line breaks stay. */
const NOT_ONE_BLANK = /[ \t]{2,}|\t/g;

function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*[\s/>]|&[a-z]+;|&#\d+;/i.test(text);
}

/** Feed text often carries markup; Convene stores plain text and escapes on output. */
export function stripMarkup(text: string): string {
  if (!looksLikeHtml(text)) return text;
  const withoutBlocks = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    // One pass for both line-breaking kinds of tag: no match of one can overlap or make one of the other.
    .replace(/<br\s*\/?>|<\/(?:p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(withoutBlocks);
}

/**
 * `plain`: the format defines the field as plain text (iCalendar TEXT, JSON Feed `title` and
 * `content_text`), so "<" is a character of the text, kept and escaped on output. Producers still
 * write HTML character references there (WordPress titles carry `&#8217;`), so complete references
 * (with their semicolon) are decoded; a bare "&" stays.
 */
export function cleanText(
  raw: string | null | undefined,
  max: number,
  { singleLine = false, plain = false } = {},
): string | null {
  if (raw === null || raw === undefined) return null;
  const source = String(raw);
  // Each step first asks whether it has anything to do: most text has no reference, surrogate,
  // control or doubled space, and a replace that finds nothing still scans and a match still copies.
  let text = plain ? (source.includes('&') ? decodeHTMLStrict(source) : source) : stripMarkup(source);
  if (singleLine || CONTROL_SURROGATE_OR_BLANKS.test(text)) {
    if (CONTROL_OR_SURROGATE.test(text)) {
      if (SURROGATE.test(text)) text = text.replace(LONE_SURROGATE, '\uFFFD');
      if (ANY_CONTROL.test(text)) text = text.replace(CONTROL, '');
    }
    text = singleLine ? text.replace(NOT_ONE_SPACE, ' ') : text.replace(NOT_ONE_BLANK, ' ');
  }
  if (!singleLine && text.includes('\n\n\n')) text = text.replace(/\n{3,}/g, '\n\n');
  text = text.trim();
  if (text === '') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A link the URL parser would give back unchanged: http(s), a lower-case host name of plain labels (no
 * IP address, port, user or punycode to check), a path of characters that need no escaping and no dot
 * segment, no query or fragment. Most links are such, and parsing each (twice) cost more than its text.
 */
const PLAIN_URL =
  /^https?:\/\/((?!xn--)[a-z0-9][a-z0-9-]*(?:\.(?!xn--)[a-z0-9][a-z0-9-]*)*\.(?!xn--)[a-z][a-z0-9-]*)((?:\/[A-Za-z0-9._~!$&()*+,;=:@-]*)+)$/;

/**
 * The parts of a plain link (host, path), or null. Each path segment runs from one '/' to the next, so
 * the pattern matches or fails in one pass: segments whose first and later characters were told apart
 * inside the pattern let a link with a query backtrack exponentially (a feed's links hung the ingest).
 * A segment starting with '.' (a dot segment, or one like it) goes to the parser.
 */
function plainUrlParts(url: string): { host: string; path: string } | null {
  if (url.length > 2048) return null;
  const match = PLAIN_URL.exec(url);
  if (!match || (match[2] as string).includes('/.')) return null;
  return { host: match[1] as string, path: match[2] as string };
}

/** Only http(s) links are kept: a feed's `javascript:` or `file:` link must never reach a page. */
export function cleanUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = String(raw).trim();
  if (plainUrlParts(trimmed)) return trimmed;
  return cleanUrlByParser(trimmed);
}

/** cleanUrl the long way, through the URL parser, which the shortcut for plain links must agree with. */
export function cleanUrlByParser(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.username = '';
    url.password = '';
    const text = url.toString();
    return text.length > 2048 ? null : text;
  } catch {
    return null;
  }
}

/** The same page under different spellings: scheme, www., trailing slash, tracking parameters and fragment do not matter. */
export function canonicalUrlKey(url: string | null): string | null {
  if (!url) return null;
  const plain = plainUrlParts(url);
  if (plain) return `${plain.host.replace(/^www\./, '')}${plain.path.replace(/\/+$/, '').toLowerCase()}`;
  return urlKeyByParser(url);
}

/** canonicalUrlKey the long way, through the URL parser. */
export function urlKeyByParser(url: string): string | null {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    for (const key of [...parsed.searchParams.keys()])
      if (/^(utm_|fbclid|gclid|ref$)/i.test(key)) parsed.searchParams.delete(key);
    parsed.searchParams.sort();
    const query = parsed.searchParams.toString();
    const path = parsed.pathname.replace(/\/+$/, '').toLowerCase();
    return `${host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return null;
  }
}
