import type { ChannelBalance } from '../../core/gaps.ts';
import type { PreparedContact } from '../prepare-contacts.ts';

export const RECENT_DAYS = 180;
/** Below this many recent meetings with a known channel, a share says nothing. */
const MIN_MEETINGS = 3;
/** Three in four meetings through one channel is an imbalance. */
const IMBALANCE = 0.75;

/**
 * "Online and offline": the share of recent contact that was online. It reads each contact's last
 * meeting, the only one the profile records.
 */
export function channelBalance(contacts: PreparedContact[], nowMs: number): ChannelBalance {
  let online = 0;
  let offline = 0;
  const since = nowMs - RECENT_DAYS * 86_400_000;
  for (const { contact, lastSeenMs } of contacts) {
    if (lastSeenMs === null || lastSeenMs < since || !contact.channel) continue;
    if (contact.channel === 'online') online++;
    else offline++;
  }
  const total = online + offline;
  const base = { windowDays: RECENT_DAYS, online, offline };
  if (total < MIN_MEETINGS) {
    return {
      ...base,
      needs: null,
      text:
        total === 0
          ? 'no recent meetings with a known channel: too few to tell'
          : `only ${total} recent meeting${total === 1 ? '' : 's'} with a known channel: too few to tell`,
    };
  }
  if (online / total >= IMBALANCE) {
    return {
      ...base,
      needs: 'offline',
      text: `${online} of your ${total} meetings in the last 6 months were online: in-person events would balance that`,
    };
  }
  if (offline / total >= IMBALANCE) {
    return {
      ...base,
      needs: 'online',
      text: `${offline} of your ${total} meetings in the last 6 months were in person: an online community would widen your reach`,
    };
  }
  return {
    ...base,
    needs: null,
    text: `${online} online and ${offline} in-person meetings in the last 6 months: balanced`,
  };
}
