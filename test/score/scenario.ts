import type { StoredEvent } from '../../src/core/event.ts';
import type { Feedback } from '../../src/core/feedback.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { type Contact, type ProfileInput, ProfileSchema } from '../../src/core/profile.ts';
import { DEFAULT_WEIGHTS, type Recommendations } from '../../src/core/ranking.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { buildCatalog } from '../../src/score/catalog.ts';
import { rankEvents } from '../../src/score/rank.ts';
import type { TopicModel } from '../../src/score/topic-model.ts';
import { contactsFrom } from '../support/contacts.ts';
import { storedEvent } from '../support/events.ts';

export const NOW = Date.parse('2026-11-27T12:00:00Z');

/** A small, readable event; everything not given is neutral (see storedEvent). */
export function event(overrides: Partial<StoredEvent> & { title: string }): StoredEvent {
  return storedEvent(overrides);
}

export function rank(
  profile: Partial<ProfileInput>,
  events: StoredEvent[],
  {
    contacts = [],
    feedback = [],
    limit = 10,
    candidates,
    model,
  }: {
    contacts?: Partial<Contact>[];
    feedback?: Feedback[];
    limit?: number;
    candidates?: number;
    /** What the catalog's topic model learned (default: nothing, as in a store without labelled history). */
    model?: TopicModel;
  } = {},
): Omit<Recommendations, 'generatedAt'> {
  const lexicon = defaultLexicon();
  const parsed = ProfileSchema.parse({
    interests: ['rust'],
    location: { city: 'Berlin', country: 'Germany' },
    ...profile,
  });
  const full = contactsFrom(contacts);
  const warnings: string[] = [];
  const prepared = prepareContacts(full, lexicon, NOW, warnings);
  const gaps = computeGaps(
    { profile: parsed, contacts: full, events, nowMs: NOW, lexicon },
    { contacts: prepared, warnings },
  );
  const ranked = rankEvents({
    profile: parsed,
    catalog: buildCatalog(events, lexicon, model),
    gaps,
    contacts: prepared,
    feedback,
    weights: DEFAULT_WEIGHTS,
    lexicon,
    nowMs: NOW,
    limit,
    ...(candidates === undefined ? {} : { candidates }),
  });
  return { ...ranked, gaps };
}

export const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString().slice(0, 10);
