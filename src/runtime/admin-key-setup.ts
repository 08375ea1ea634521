import { newApiKey } from '../core/api-key.ts';
import type { EventStore } from '../core/event-store.ts';
import { sha256Hex } from '../core/sha256.ts';

const SETTING = 'admin_key_hash';

/**
 * The admin key's hash: from CONVENE_ADMIN_KEY when set, else the one stored on an earlier start, else a
 * new key that is printed once (to stderr, for the operator) and stored only as its hash.
 */
export async function adminKeyHash(
  store: EventStore,
  fromEnv: string | undefined,
  announce: (line: string) => void,
): Promise<string> {
  if (fromEnv) return sha256Hex(fromEnv);
  const stored = await store.getSetting(SETTING);
  if (stored) return stored;
  const key = newApiKey();
  const hash = sha256Hex(key);
  await store.setSetting(SETTING, hash);
  announce(`Admin API key (shown once; set CONVENE_ADMIN_KEY to choose your own): ${key}`);
  return hash;
}
