import type { Profile } from './profile.ts';

export interface User {
  id: string;
  profile: Profile;
  keyHash: string;
  feedTokenHash: string;
  createdAt: string;
  updatedAt: string;
}
