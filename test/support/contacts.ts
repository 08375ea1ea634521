import type { Contact } from '../../src/core/profile.ts';

/** Contacts from the few fields a test cares about; the rest take the schema's defaults. */
export function contactsFrom(partials: Partial<Contact>[]): Contact[] {
  return partials.map((c) => ({ fields: [], communities: [], tier: 'acquaintance' as const, name: 'Someone', ...c }));
}
