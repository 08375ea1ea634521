import type { Tier } from './profile.ts';

/** The four gaps, each item with one plain-words line; the API and pages show the same words. */
export interface CoverageGap {
  field: string;
  label: string;
  /** How much the user cares: the interest's weight, halved for a field next to an interest. */
  weight: number;
  contacts: number;
  adjacentTo: string | null;
  score: number;
  text: string;
}

export interface MaintenanceItem {
  name: string;
  tier: Tier;
  lastSeen: string;
  daysSince: number;
  overdueDays: number;
  fields: string[];
  communities: string[];
  priority: number;
  text: string;
}

export interface ChannelBalance {
  windowDays: number;
  online: number;
  offline: number;
  /** The kind of venue that would restore the balance, or null when balanced or unknown. */
  needs: 'online' | 'offline' | null;
  text: string;
}

export interface GiveFirstOpportunity {
  field: string;
  kind: 'cfp' | 'volunteer' | 'host' | 'mentor' | 'study-group';
  eventId: string;
  title: string;
  url: string | null;
  closes: string | null;
  start: string | null;
  text: string;
}

export interface Gaps {
  generatedAt: string;
  coverage: CoverageGap[];
  maintenance: { overdue: MaintenanceItem[]; unknown: { name: string; tier: Tier }[]; text: string };
  channel: ChannelBalance;
  giveFirst: { fields: string[]; opportunities: GiveFirstOpportunity[]; text: string };
  warnings: string[];
}
