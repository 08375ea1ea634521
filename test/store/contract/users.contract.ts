import { describe, expect, it } from 'vitest';
import { ProfileSchema } from '../../../src/core/profile.ts';
import type { User } from '../../../src/core/user.ts';
import { AT, type OpenStore, storePerTest } from './harness.ts';

export const user = (id: string): User => ({
  id,
  profile: ProfileSchema.parse({ interests: ['rust'] }),
  keyHash: `key-${id}`,
  feedTokenHash: `feed-${id}`,
  createdAt: AT,
  updatedAt: AT,
});

export function usersContract(open: OpenStore): void {
  describe('store contract: users and keys', () => {
    const store = storePerTest(open);

    it('finds a user by id, by key hash and by feed token hash', async () => {
      await store().createUser(user('u1'));
      await store().createUser(user('u2'));
      expect(await store().getUser('u1')).toEqual(user('u1'));
      expect(await store().userByKeyHash('key-u2')).toEqual(user('u2'));
      expect(await store().userByFeedTokenHash('feed-u1')).toEqual(user('u1'));
      expect(await store().getUser('nobody')).toBeNull();
      expect(await store().userByKeyHash('key-nobody')).toBeNull();
    });

    it('refuses a second user with the same key hash', async () => {
      await store().createUser(user('u1'));
      await expect(store().createUser({ ...user('u2'), keyHash: 'key-u1' })).rejects.toThrow();
      expect(await store().getUser('u2')).toBeNull();
    });

    it('replaces a profile and rotates credentials; the old hashes stop working at once', async () => {
      await store().createUser(user('u1'));
      const profile = ProfileSchema.parse({ interests: ['security'] });
      expect(await store().replaceProfile('u1', profile, '2026-11-28T00:00:00Z')).toBe(true);
      expect(await store().replaceProfile('nobody', profile, '2026-11-28T00:00:00Z')).toBe(false);
      expect(await store().rotateCredential('u1', 'key', 'key-new', '2026-11-29T00:00:00Z')).toBe(true);
      expect(await store().rotateCredential('u1', 'feed-token', 'feed-new', '2026-11-29T00:00:00Z')).toBe(true);
      expect(await store().rotateCredential('nobody', 'key', 'x', '2026-11-29T00:00:00Z')).toBe(false);
      expect(await store().userByKeyHash('key-u1')).toBeNull();
      expect(await store().userByFeedTokenHash('feed-u1')).toBeNull();
      expect(await store().userByKeyHash('key-new')).toMatchObject({
        id: 'u1',
        profile,
        feedTokenHash: 'feed-new',
        updatedAt: '2026-11-29T00:00:00Z',
      });
    });
  });
}
