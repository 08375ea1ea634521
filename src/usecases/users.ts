import { newApiKey } from '../core/api-key.ts';
import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Profile } from '../core/profile.ts';
import { sha256Hex } from '../core/sha256.ts';
import { stableId } from '../core/stable-id.ts';
import type { User } from '../core/user.ts';

type UserDeps = { store: EventStore; clock: Clock };

/**
 * A stored user with a new API key and feed token, shown once here and kept only as hashes. `idSeed`
 * names what the user stands for (a profile file); without it the id comes from the new key.
 */
export async function createUser(
  deps: UserDeps,
  profile: Profile,
  idSeed?: string,
): Promise<{ user: User; apiKey: string; feedToken: string }> {
  const apiKey = newApiKey();
  const feedToken = newApiKey();
  const at = new Date(deps.clock.now()).toISOString();
  const user: User = {
    id: `u_${stableId(idSeed ?? apiKey, at)}`,
    profile,
    keyHash: sha256Hex(apiKey),
    feedTokenHash: sha256Hex(feedToken),
    createdAt: at,
    updatedAt: at,
  };
  await deps.store.createUser(user);
  return { user, apiKey, feedToken };
}

/** A new API key or feed token for a user; the old one stops working at once. Shown once, kept as a hash. */
export async function rotateSecret(deps: UserDeps, userId: string, which: 'key' | 'feed-token'): Promise<string> {
  const secret = newApiKey();
  await deps.store.rotateCredential(userId, which, sha256Hex(secret), new Date(deps.clock.now()).toISOString());
  return secret;
}

/** Replaces a user's profile, as of now. */
export async function replaceProfile(deps: UserDeps, userId: string, profile: Profile): Promise<string> {
  const at = new Date(deps.clock.now()).toISOString();
  await deps.store.replaceProfile(userId, profile, at);
  return at;
}
