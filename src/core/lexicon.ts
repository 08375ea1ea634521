import { z } from 'zod';
import topicsJson from '../../data/topics.json';

const FieldSchema = z.object({
  label: z.string().min(1),
  terms: z.array(z.string().min(1)),
  communities: z.array(z.string()),
  conferences: z.array(z.string()),
  related: z.array(z.string()),
});
export const LexiconSchema = z.object({ version: z.number(), fields: z.record(z.string(), FieldSchema) });
export type LexiconData = z.infer<typeof LexiconSchema>;

/** Lower case, accents folded, punctuation that never belongs to a term turned into spaces. */
export function tokens(text: string): string[] {
  // Most text is plain ASCII, which has no accents to fold; Unicode normalisation was most of the cost.
  const folded = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const out: string[] = [];
  for (const raw of folded.replace(/[^a-z0-9+#./\s-]+/g, ' ').split(/\s+/)) {
    const token = raw.replace(/^[.\-/]+|[.\-/]+$/g, '');
    if (token) out.push(token);
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;

/** "RustFest" -> "Rust Fest", "CSSConf" -> "CSS Conf", "JSNation" -> "JS Nation": names glue words together. */
export function gluedWordsApart(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

interface Phrase {
  rest: string[];
  field: string;
}

export interface Lexicon {
  fieldIds: string[];
  label(field: string): string;
  related(field: string): string[];
  communities(field: string): string[];
  terms(field: string): string[];
  conferences(field: string): string[];
  /** Every field a text mentions, through its terms, community and conference names. */
  fieldsIn(text: string): Set<string>;
  /** The field an interest or expertise names ("AppSec" is security); an unknown term stands as its own field. */
  fieldOf(term: string): string;
  /** Whether a term names one of the lexicon's fields (by id, label, term, community or conference). */
  knows(term: string): boolean;
}

/**
 * Matching walks the text's words once and looks each up in an index of phrases by first word, so
 * it costs the same for 5 or 500 terms; a 5,000-contact network maps in milliseconds.
 */
export function createLexicon(data: LexiconData): Lexicon {
  const byFirstWord = new Map<string, Phrase[]>();
  const add = (phrase: string, field: string) => {
    const [first, ...rest] = tokens(phrase);
    if (!first) return;
    const list = byFirstWord.get(first);
    const entry = { rest, field };
    if (list) list.push(entry);
    else byFirstWord.set(first, [entry]);
  };
  for (const [field, def] of Object.entries(data.fields)) {
    add(field, field);
    add(def.label, field);
    for (const phrase of [...def.terms, ...def.communities, ...def.conferences]) add(phrase, field);
  }
  const fieldOfCache = new Map<string, string>();
  const fieldsIn = (text: string): Set<string> => {
    const words = tokens(text);
    const found = new Set<string>();
    // Longest phrase first, and its words are used up: "penetration testing" is security, not also testing.
    // A phrase several fields share ("Droidcon": Android and mobile) names each of them.
    for (let i = 0; i < words.length; ) {
      let longest = -1;
      const matched: string[] = [];
      for (const phrase of byFirstWord.get(words[i]!) ?? []) {
        if (phrase.rest.length < longest || !phrase.rest.every((word, k) => words[i + 1 + k] === word)) continue;
        if (phrase.rest.length > longest) matched.length = 0;
        longest = phrase.rest.length;
        matched.push(phrase.field);
      }
      for (const field of matched) found.add(field);
      i += 1 + Math.max(0, longest);
    }
    return found;
  };
  return {
    fieldIds: Object.keys(data.fields),
    label: (field) => data.fields[field]?.label ?? field,
    related: (field) => data.fields[field]?.related ?? [],
    communities: (field) => data.fields[field]?.communities ?? [],
    terms: (field) => data.fields[field]?.terms ?? [],
    conferences: (field) => data.fields[field]?.conferences ?? [],
    fieldsIn,
    knows(term) {
      return Object.hasOwn(data.fields, this.fieldOf(term));
    },
    fieldOf(term) {
      // Interests, expertise and contact fields repeat the same few terms thousands of times.
      const known = fieldOfCache.get(term);
      if (known !== undefined) return known;
      const words = tokens(term);
      const folded = words.join(' ');
      const whole = data.fields[folded]
        ? null
        : byFirstWord
            .get(words[0] ?? '')
            ?.find((p) => p.rest.length === words.length - 1 && p.rest.every((w, k) => words[k + 1] === w));
      const field = data.fields[folded] ? folded : (whole?.field ?? folded);
      if (fieldOfCache.size > 10_000) fieldOfCache.clear();
      fieldOfCache.set(term, field);
      return field;
    },
  };
}

let shared: Lexicon | null = null;

/** The lexicon shipped in data/topics.json, checked once. */
export function defaultLexicon(): Lexicon {
  shared ??= createLexicon(LexiconSchema.parse(topicsJson));
  return shared;
}
