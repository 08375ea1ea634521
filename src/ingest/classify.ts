import type { EventKind, Online } from '../core/event.ts';

const KIND_PATTERNS: ReadonlyArray<readonly [EventKind, RegExp]> = [
  [
    'study-group',
    /\b(study[- ]group|book[- ]club|reading[- ]group|study[- ]circle|study jam|paper[s]? (club|we love)|journal club)\b/i,
  ],
  ['volunteer', /\b(volunteer(s|ing)?|mentor(s|ing)? (needed|wanted)|helpers? wanted|charity|for good)\b/i],
  [
    'internal',
    /\b(all[- ]hands|town[- ]hall|cross[- ]team|guild meeting|lunch (and|&) learn|brown[- ]bag|internal)\b/i,
  ],
  ['workshop', /\b(workshop|hands[- ]on|bootcamp|training|tutorial|masterclass|hackathon|code ?lab)\b/i],
  ['conference', /\b(conference|summit|symposium|congress|\w*conf\b|\w+con\b|devdays?|fest\b|forum \d{4})/i],
  [
    'meetup',
    /\b(meetup|meet-up|chapter|hangout|users? group|usergroup|brigade|\bug\b|night|drinks|social|monthly|community call)\b/i,
  ],
];

/**
 * Titles of things that are no gathering to attend at all: a birthday ("Goran Bunjevcevic 17.02.1973"),
 * a call, a holiday. Whatever their text mentions, they are `other`.
 */
const NOT_A_GATHERING =
  /\b(birthday|geburtstag|anniversary|(phone|video|telephone|conference) (call|conference)|call with|1:1|one[- ]on[- ]one|public holiday|bank holiday|vacation|out of office)\b|^\D+\s\d{1,2}\.\d{1,2}\.(19|20)\d{2}$/i;
/** A repair café is neighbours fixing things together: giving time, not attending a programme. */
const REPAIR_CAFE = /\brepair[- ]?(und recycling[- ])?caf[eé]/i;
/** A description names other events ("an OSCON party", "at the street festival"): it may not make one a conference. */
const FROM_DESCRIPTION: ReadonlySet<EventKind> = new Set([
  'study-group',
  'volunteer',
  'internal',
  'workshop',
  'meetup',
]);

/**
 * The kind of venue, read from what the event is: its title first (it names the format most reliably),
 * then its description for the kinds a description can tell (never a conference: descriptions mention
 * other events).
 */
export function inferKind(title: string, description: string | null, fallback: EventKind): EventKind {
  if (NOT_A_GATHERING.test(title)) return 'other';
  if (REPAIR_CAFE.test(title)) return 'volunteer';
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(title)) return kind;
  return description ? (kindFromDescription(description) ?? fallback) : fallback;
}

const DESCRIPTION_PATTERNS = KIND_PATTERNS.filter(([kind]) => FROM_DESCRIPTION.has(kind));
/** Every description pattern as one alternation, each in its own group, in the order of precedence. */
const ANY_DESCRIPTION_KIND = new RegExp(
  DESCRIPTION_PATTERNS.map(([, pattern]) => `(${pattern.source})`).join('|'),
  'i',
);
/** Where each pattern's own group sits in the alternation: after the groups of the patterns before it. */
const GROUP_OF_KIND: number[] = [];
for (let k = 0, group = 1; k < DESCRIPTION_PATTERNS.length; k++) {
  GROUP_OF_KIND.push(group);
  // `source|` matches the empty string, so exec tells how many groups the pattern has (plus one).
  group += new RegExp(`${DESCRIPTION_PATTERNS[k]![1].source}|`).exec('')!.length;
}

/**
 * The first kind, in order of precedence, whose pattern occurs anywhere in a description. One scan of
 * the alternation finds the earliest occurrence of any; only the kinds that take precedence over the
 * one found there need a scan of their own (a long description once cost five full scans).
 */
function kindFromDescription(description: string): EventKind | null {
  const match = ANY_DESCRIPTION_KIND.exec(description);
  if (!match) return null;
  const found = GROUP_OF_KIND.findIndex((group) => match[group] !== undefined);
  for (let k = 0; k < found; k++) if (DESCRIPTION_PATTERNS[k]![1].test(description)) return DESCRIPTION_PATTERNS[k]![0];
  return DESCRIPTION_PATTERNS[found]![0];
}

const ONLINE_HINT =
  /\b(online|virtual|webinar|livestream|live stream|remote|zoom\.us|meet\.google|teams\.microsoft|jitsi|twitch\.tv|youtube\.com\/live|discord)\b/i;
const IN_PERSON_HINT =
  /\b(hybrid|in[- ]person|venue|room|street|str\.|straße|avenue|ave\.|road|hall|floor|building|campus)\b/i;

export function inferOnline(location: string | null, title: string, description: string | null): Online {
  const where = location ?? '';
  const onlineWhere = ONLINE_HINT.test(where);
  if (/\bhybrid\b/i.test(`${title} ${where}`)) return 'hybrid';
  if (onlineWhere && IN_PERSON_HINT.test(where)) return 'hybrid';
  if (onlineWhere) return true;
  if (where.trim() === '' && ONLINE_HINT.test(`${title} ${description ?? ''}`)) return true;
  return false;
}
