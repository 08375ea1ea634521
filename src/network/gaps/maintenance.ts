import type { MaintenanceItem } from '../../core/gaps.ts';
import type { Lexicon } from '../../core/lexicon.ts';
import type { Profile, Tier } from '../../core/profile.ts';
import { daysBetween, durationInWords } from '../human-time.ts';
import type { PreparedContact } from '../prepare-contacts.ts';

const DEPTH: Record<Tier, number> = { close: 3, regular: 2, acquaintance: 1 };

function whereToMeet(contact: PreparedContact, lexicon: Lexicon): string {
  if (contact.contact.communities.length > 0)
    return `usually at ${contact.contact.communities.slice(0, 2).join(' or ')}`;
  const fields = [...contact.fields].slice(0, 2).map((f) => lexicon.label(f));
  return fields.length > 0 ? `works in ${fields.join(' and ')}` : '';
}

/**
 * "Continuous maintenance": relationships past their tier's cadence, deepest and most overdue first.
 * A contact never seen (unknown lastSeen) is listed apart: unknown is not the same as long ago.
 */
export function maintenanceGaps(
  profile: Profile,
  contacts: PreparedContact[],
  lexicon: Lexicon,
  nowMs: number,
): { overdue: MaintenanceItem[]; unknown: { name: string; tier: Tier }[] } {
  const overdue: MaintenanceItem[] = [];
  const unknown: { name: string; tier: Tier }[] = [];
  for (const prepared of contacts) {
    const { contact, lastSeenMs } = prepared;
    if (lastSeenMs === null) {
      unknown.push({ name: contact.name, tier: contact.tier });
      continue;
    }
    const cadence = profile.maintenance[contact.tier];
    const daysSince = Math.max(0, daysBetween(lastSeenMs, nowMs));
    if (daysSince <= cadence) continue;
    const where = whereToMeet(prepared, lexicon);
    overdue.push({
      name: contact.name,
      tier: contact.tier,
      lastSeen: contact.lastSeen!,
      daysSince,
      overdueDays: daysSince - cadence,
      fields: [...prepared.fields],
      communities: contact.communities,
      priority: DEPTH[contact.tier] * (daysSince / cadence),
      text: `${contact.name} (${contact.tier}) last seen ${durationInWords(daysSince)} ago${where ? `, ${where}` : ''}`,
    });
  }
  overdue.sort((a, b) => DEPTH[b.tier] - DEPTH[a.tier] || b.priority - a.priority || a.name.localeCompare(b.name));
  unknown.sort((a, b) => DEPTH[b.tier] - DEPTH[a.tier] || a.name.localeCompare(b.name));
  return { overdue, unknown };
}
