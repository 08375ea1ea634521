import { resolve } from 'node:path';
import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import { stableId } from '../core/stable-id.ts';
import type { User } from '../core/user.ts';
import { createUser, replaceProfile, rotateSecret } from '../usecases/users.ts';
import type { LoadedProfile } from './profile-file.ts';

/**
 * `convene start` serves a profile file as a stored user, so its page, calendars and feeds work like
 * anyone's. The user is made once per file and follows the file when it changes. Feed tokens are kept
 * only as hashes, so each start issues a new one and prints the page address with it; the previous
 * address stops working.
 */
export async function userForProfileFile(
  store: EventStore,
  clock: Clock,
  path: string,
  loaded: LoadedProfile,
): Promise<{ user: User; feedToken: string }> {
  const settingKey = `profile-user:${resolve(path)}`;
  const { contactsFile: _file, ...rest } = loaded.profile;
  const profile = { ...rest, contacts: loaded.contacts };
  const fileHash = stableId(JSON.stringify(profile));
  const saved = await store.getSetting(settingKey);
  const known = saved ? (JSON.parse(saved) as { id: string; fileHash: string }) : null;
  const existing = known ? await store.getUser(known.id) : null;
  if (existing && known) {
    if (known.fileHash !== fileHash) {
      await replaceProfile({ store, clock }, existing.id, profile);
      await store.setSetting(settingKey, JSON.stringify({ id: existing.id, fileHash }));
    }
    const feedToken = await rotateSecret({ store, clock }, existing.id, 'feed-token');
    const user = await store.getUser(existing.id);
    return { user: user!, feedToken };
  }
  // Nobody holds its API key: the admin key reaches the user over the API.
  const { user, feedToken } = await createUser({ store, clock }, profile, settingKey);
  await store.setSetting(settingKey, JSON.stringify({ id: user.id, fileHash }));
  return { user, feedToken };
}
