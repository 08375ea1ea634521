import { cfpIsOpen } from '../../core/cfp-state.ts';
import { valueMs } from '../../core/dates.ts';
import type { StoredEvent } from '../../core/event.ts';
import { eventFields } from '../../core/event-fields.ts';
import type { GiveFirstOpportunity } from '../../core/gaps.ts';
import type { Lexicon } from '../../core/lexicon.ts';
import type { Profile } from '../../core/profile.ts';

const HOST_WANTED =
  /\b(looking for|needs?|wanted|seeking|volunteer to)\b[^.]{0,60}\b(hosts?|speakers?|facilitators?|organi[sz]ers?)\b|\b(hosts?|speakers?|facilitators?)\s+(wanted|needed)\b/i;
const MENTOR_WANTED =
  /\b(mentors?\s+(wanted|needed)|looking for (a )?mentors?|experts? mentor|mentor newcomers|be a mentor)\b/i;

type TextKind = 'host' | 'mentor' | null;

/** Per description, then per title: keyed by the texts as they are, without joining them per event. */
type TextKinds = Map<string, Map<string, TextKind>>;

function kindOf(event: StoredEvent, nowMs: number, textKinds: TextKinds): GiveFirstOpportunity['kind'] | null {
  if (cfpIsOpen(event.cfp, nowMs)) return 'cfp';
  // The occurrences of a series share their text: the patterns run once per text, not per occurrence.
  const description = event.description ?? '';
  let byTitle = textKinds.get(description);
  if (!byTitle) {
    byTitle = new Map();
    textKinds.set(description, byTitle);
  }
  let textKind = byTitle.get(event.title);
  if (textKind === undefined) {
    const text = `${event.title}\n${description}`;
    textKind = HOST_WANTED.test(text) ? 'host' : MENTOR_WANTED.test(text) ? 'mentor' : null;
    byTitle.set(event.title, textKind);
  }
  if (textKind) return textKind;
  if (event.kind === 'volunteer') return 'volunteer';
  if (event.kind === 'study-group') return 'study-group';
  return null;
}

function describe(kind: GiveFirstOpportunity['kind'], event: StoredEvent, fieldLabel: string): string {
  switch (kind) {
    case 'cfp':
      return `you know ${fieldLabel}: the call for papers of ${event.title} ${event.cfp?.closes ? `closes ${event.cfp.closes.slice(0, 10)}` : 'is open'}`;
    case 'host':
      return `you know ${fieldLabel}: ${event.title} is looking for a host or speaker`;
    case 'mentor':
      return `you know ${fieldLabel}: ${event.title} is looking for mentors`;
    case 'volunteer':
      return `you know ${fieldLabel}: volunteer at ${event.title}`;
    case 'study-group':
      return `you know ${fieldLabel}: lead a session of ${event.title}`;
  }
}

/**
 * "Provide value first": open calls for papers, host, mentor and volunteer roles, and study groups in
 * the fields of the user's expertise, soonest deadline first. Past calls and past events are left out.
 */
export function giveFirst(
  profile: Profile,
  events: StoredEvent[],
  lexicon: Lexicon,
  nowMs: number,
  fieldsOf: (event: StoredEvent) => Set<string> = (event) => eventFields(event, lexicon),
) {
  const expertise = new Set(profile.expertise.map((e) => lexicon.fieldOf(e)));
  const opportunities: GiveFirstOpportunity[] = [];
  const seenSeries = new Set<string>();
  const textKinds: TextKinds = new Map();
  // Soonest first, so the occurrence that stands for a series is its next one whatever the input order.
  const byStart = events
    .map((event) => ({ event, at: event.start ? valueMs(event.start) : Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.at - b.at);
  for (const { event, at } of byStart) {
    if (event.status !== 'confirmed') continue;
    if (at < nowMs && !event.cfp) continue;
    // The field first: it is a lookup, where the kind runs patterns over the whole description.
    const field = [...fieldsOf(event)].find((f) => expertise.has(f));
    if (!field) continue;
    const kind = kindOf(event, nowMs, textKinds);
    if (!kind) continue;
    // One entry per recurring series: the next occurrence stands for the rest.
    const seriesKey = `${event.uid}|${kind}`;
    if (seenSeries.has(seriesKey)) continue;
    seenSeries.add(seriesKey);
    opportunities.push({
      field,
      kind,
      eventId: event.id,
      title: event.title,
      url: event.url,
      closes: kind === 'cfp' ? (event.cfp?.closes ?? null) : null,
      start: event.start,
      text: describe(kind, event, lexicon.label(field)),
    });
  }
  const deadline = new Map(opportunities.map((o) => [o, valueMs(o.closes ?? o.start ?? '9999-12-31')]));
  opportunities.sort((a, b) => deadline.get(a)! - deadline.get(b)! || a.title.localeCompare(b.title));
  return { fields: [...expertise], opportunities };
}
