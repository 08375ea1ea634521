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

/** The kind of venue, read from the title first (it names the format most reliably) and then the description. */
export function inferKind(title: string, description: string | null, fallback: EventKind): EventKind {
  for (const text of [title, description ?? '']) {
    for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(text)) return kind;
  }
  return fallback;
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
