import type { UsersPort } from '../core/event-store.ts';
import type { Profile } from '../core/profile.ts';
import type { User } from '../core/user.ts';
import { bumpChangeCounter } from './change-counter.ts';
import { type SqlDriver, sql } from './sql-driver.ts';

interface UserRow {
  id: string;
  profile: string;
  key_hash: string;
  feed_token_hash: string;
  created_at: string;
  updated_at: string;
}

function rowToUser(row: UserRow | null): User | null {
  if (!row) return null;
  return {
    id: row.id,
    profile: JSON.parse(row.profile) as Profile,
    keyHash: row.key_hash,
    feedTokenHash: row.feed_token_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createUsersPort(db: SqlDriver): UsersPort {
  const userWhere = async (column: 'id' | 'key_hash' | 'feed_token_hash', value: string) =>
    rowToUser(await db.first<UserRow>(`SELECT * FROM users WHERE ${column} = ?`, [value]));
  const updated = async (statement: ReturnType<typeof sql>) => {
    const [result] = await db.batch([statement, bumpChangeCounter]);
    return (result?.changes ?? 0) > 0;
  };
  return {
    async createUser(user: User) {
      await db.batch([
        sql(
          'INSERT INTO users (id, profile, key_hash, feed_token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          user.id,
          JSON.stringify(user.profile),
          user.keyHash,
          user.feedTokenHash,
          user.createdAt,
          user.updatedAt,
        ),
        bumpChangeCounter,
      ]);
    },
    getUser: (id) => userWhere('id', id),
    userByKeyHash: (keyHash) => userWhere('key_hash', keyHash),
    userByFeedTokenHash: (feedTokenHash) => userWhere('feed_token_hash', feedTokenHash),
    replaceProfile: (id: string, profile: Profile, at: string) =>
      updated(sql('UPDATE users SET profile = ?, updated_at = ? WHERE id = ?', JSON.stringify(profile), at, id)),
    rotateCredential(id: string, which: 'key' | 'feed-token', hash: string, at: string) {
      const column = which === 'key' ? 'key_hash' : 'feed_token_hash';
      return updated(sql(`UPDATE users SET ${column} = ?, updated_at = ? WHERE id = ?`, hash, at, id));
    },
  };
}
