import type { StoredEvent } from '../../core/event.ts';
import type { Gaps } from '../../core/gaps.ts';
import type { Lexicon } from '../../core/lexicon.ts';
import type { Contact, Profile } from '../../core/profile.ts';
import { type PreparedContact, prepareContacts } from '../prepare-contacts.ts';
import { channelBalance } from './channel.ts';
import { coverageGaps } from './coverage.ts';
import { giveFirst } from './give-first.ts';
import { maintenanceGaps } from './maintenance.ts';

export interface GapInput {
  profile: Profile;
  /** The profile's own contacts plus those of its contacts file. */
  contacts: Contact[];
  /** Upcoming events, for the give-first gap. */
  events: StoredEvent[];
  nowMs: number;
  lexicon: Lexicon;
  /** Fields already mapped for these events (a ranking catalog); mapped here when absent. */
  fieldsOf?: (event: StoredEvent) => Set<string>;
}

/** The four gaps: pure functions of profile, contacts, events and a clock. */
export function computeGaps(input: GapInput, prepared?: { contacts: PreparedContact[]; warnings: string[] }): Gaps {
  const warnings = prepared?.warnings ?? [];
  const contacts = prepared?.contacts ?? prepareContacts(input.contacts, input.lexicon, input.nowMs, warnings);
  const coverage = coverageGaps(input.profile, contacts, input.lexicon);
  const maintenance = maintenanceGaps(input.profile, contacts, input.lexicon, input.nowMs);
  const give = giveFirst(input.profile, input.events, input.lexicon, input.nowMs, input.fieldsOf);
  const overdueText =
    maintenance.overdue.length === 0
      ? contacts.length === 0
        ? 'no contacts yet: import a vCard or list contacts in the profile'
        : 'every relationship with a known last meeting is within its cadence'
      : `${maintenance.overdue.length} relationship${maintenance.overdue.length === 1 ? '' : 's'} overdue for a meeting`;
  const unknownText =
    maintenance.unknown.length > 0 ? `; ${maintenance.unknown.length} with no known last meeting` : '';
  return {
    generatedAt: new Date(input.nowMs).toISOString(),
    coverage,
    maintenance: { ...maintenance, text: overdueText + unknownText },
    channel: channelBalance(contacts, input.nowMs),
    giveFirst: {
      ...give,
      text:
        give.fields.length === 0
          ? 'add expertise to your profile to find where you can give first'
          : `${give.opportunities.length} way${give.opportunities.length === 1 ? '' : 's'} to give first in ${give.fields.map((f) => input.lexicon.label(f)).join(', ')}`,
    },
    warnings,
  };
}
