import type { SourceFailure } from './errors.ts';
import type { EventRecord, EventText, Online, StoredEvent } from './event.ts';
import type { Feedback } from './feedback.ts';
import type { Profile } from './profile.ts';
import type { CalendarName, StoredPublication } from './publication.ts';
import type { Source, SourceFormat, SourceSpec } from './source.ts';
import type { Validators } from './source-reader.ts';
import type { User } from './user.ts';
import type { VenueFeedback } from './venue.ts';
import type { TimeWindow } from './window.ts';

export interface IngestCounts {
  new: number;
  changed: number;
  unchanged: number;
  cancelled: number;
  /** Feed items the source took down while they were still inside its window. */
  withdrawn: number;
}

/** What the matcher sees of an event another source already stored on the same or a neighbouring day. */
export interface DedupeCandidate {
  eventId: string;
  uid: string;
  start: string | null;
  allDay: boolean;
  title: string;
  urlKey: string | null;
  /** Folded city, or the location text when no city is known. */
  place: string | null;
  online: Online;
}

/**
 * What the matcher compares of a new record: what the store keeps of other sources' events. Not the whole
 * record, so a run's descriptions need not stay alive until its write.
 */
export type DedupeInput = Omit<DedupeCandidate, 'eventId'>;

/** Returns the event id a new record belongs to, or null when it is a new event. */
export type DedupeMatcher = (record: DedupeInput, candidates: DedupeCandidate[]) => string | null;

export interface SourceSchedule {
  nextCheckAt: string | null;
  failureCount: number;
  disabled: boolean;
}

export interface IngestSuccess extends SourceSchedule {
  at: string;
  window: TimeWindow;
  /** Calendars and conference lists list everything they still hold; RSS keeps a rolling window of posts. */
  cancelVanished: boolean;
  /** Feeds: an item gone while newer than the items listed in both runs was withdrawn (ingest/withdrawn-items.ts). */
  withdrawVanished: boolean;
  format: SourceFormat;
  title: string | null;
  validators: Validators;
  warnings: string[];
  movedTo: string | null;
}

export interface EventQuery {
  fromMs: number;
  toMs: number;
  includeUndated: boolean;
  includeCancelled: boolean;
  limit?: number;
  /** Only these events (as the listing would give them); for a page of search results. */
  ids?: readonly string[];
}

/** Sources: what to fetch, and how each fetch went. */
export interface SourcesPort {
  ensureSource(spec: SourceSpec): Promise<Source>;
  getSource(location: string): Promise<Source | null>;
  getSourceById(id: string): Promise<Source | null>;
  listSources(): Promise<Source[]>;
  /** Removes a source and the occurrences only it listed. */
  removeSource(id: string): Promise<boolean>;
  saveUnchanged(sourceId: string, at: string, schedule: SourceSchedule, validators: Validators): Promise<void>;
  saveFailure(sourceId: string, at: string, schedule: SourceSchedule, failure: SourceFailure): Promise<void>;
}

/**
 * Events and their ingest. Writing one source's results is atomic: a failure keeps what was stored
 * before, including a failure thrown by the record iterable itself while it is being consumed.
 */
export interface EventsPort {
  saveIngest(
    sourceId: string,
    records: Iterable<EventRecord>,
    outcome: IngestSuccess,
    matcher: DedupeMatcher,
  ): Promise<IngestCounts>;
  listEvents(query: EventQuery): Promise<StoredEvent[]>;
  /** How many events `listEvents(query)` would list without its limit (ids are not a count's business). */
  countEvents(query: EventQuery): Promise<number>;
  getEvent(id: string): Promise<StoredEvent | null>;
  /** The stored events among `ids`, in no particular order; ids the store does not know are left out. */
  getEvents(ids: readonly string[]): Promise<StoredEvent[]>;
  /**
   * Re-derives what ingest derived from each stored event text (its place, after a gazetteer change):
   * `rewrite` answers the new text or null to keep it; answers how many texts changed.
   */
  rewriteEventTexts(rewrite: (text: EventText) => EventText | null): Promise<number>;
}

/** API users, found by id or by the hash of their key or feed token. */
export interface UsersPort {
  createUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | null>;
  userByKeyHash(keyHash: string): Promise<User | null>;
  userByFeedTokenHash(feedTokenHash: string): Promise<User | null>;
  replaceProfile(id: string, profile: Profile, at: string): Promise<boolean>;
  /** Replaces the hash of a user's API key or feed token: the old one stops working at once. */
  rotateCredential(id: string, which: 'key' | 'feed-token', hash: string, at: string): Promise<boolean>;
}

/** What users said about events and venues. */
export interface FeedbackPort {
  addFeedback(feedback: Feedback): Promise<void>;
  /** A user's feedback, oldest first (so the latest word on an event wins when folded). */
  listFeedback(userKey: string): Promise<Feedback[]>;
  addVenueFeedback(feedback: VenueFeedback): Promise<void>;
  /** A user's word on venues, oldest first (so the latest word on a venue wins when folded). */
  listVenueFeedback(userKey: string): Promise<VenueFeedback[]>;
}

/** What each user's calendar subscriptions last published (see usecases/publish-calendar.ts). */
export interface PublicationsPort {
  listPublications(userId: string, calendar: CalendarName): Promise<StoredPublication[]>;
  /** Writes changed publications and drops expired ones, atomically. */
  savePublications(
    userId: string,
    calendar: CalendarName,
    changed: StoredPublication[],
    removedUids: string[],
  ): Promise<void>;
}

/** Server settings, and the stamp that tells callers when stored data may have changed. */
export interface SettingsPort {
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Changes whenever stored data may have changed, by this process or another; cheap to ask. Kept as
   * a counter in the store, bumped in the same atomic write as every change to sources, events, users
   * or feedback (not publications or settings: nothing keyed on the stamp reads them, and a cache kept
   * in settings would otherwise invalidate itself).
   */
  changeStamp(): Promise<string>;
  /**
   * Moves with the writes that may change stored events (an ingest, a removed source, re-placed texts),
   * by this process or another: what is derived from events alone (ranking catalog, search index) is
   * keyed by it, so a new user or a word of feedback does not rebuild them.
   */
  eventsStamp(): Promise<string>;
}

/**
 * The one storage contract, as the intersection of its capabilities. SQLite (Node) and D1 (Workers)
 * implement every port over the same SQL (store/sql-store.ts); everything above it is runtime-neutral.
 */
export interface EventStore extends SourcesPort, EventsPort, UsersPort, FeedbackPort, PublicationsPort, SettingsPort {
  close(): Promise<void>;
}
