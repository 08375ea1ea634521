import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { valueMs } from '../core/dates.ts';
import type { SourceFailure } from '../core/errors.ts';
import type { EventRecord, EventText, StoredEvent } from '../core/event.ts';
import type {
  DedupeCandidate,
  DedupeMatcher,
  EventQuery,
  EventStore,
  IngestCounts,
  IngestSuccess,
  SourceSchedule,
} from '../core/event-store.ts';
import type { Feedback } from '../core/feedback.ts';
import type { Profile } from '../core/profile.ts';
import type { CalendarEntry, CalendarName, StoredPublication } from '../core/publication.ts';
import type { Source, SourceSpec } from '../core/source.ts';
import type { Validators } from '../core/source-reader.ts';
import { stableId } from '../core/stable-id.ts';
import type { User } from '../core/user.ts';
import type { VenueAction, VenueFeedback } from '../core/venue.ts';
import { placeKey } from '../ingest/dedupe.ts';
import { migrationsDir } from './migrations-dir.ts';
import { createRecordSplitter, joinRecord } from './record-split.ts';
import { type OccurrenceRow, rowToSource, type SourceRow, toStoredEvents } from './rows.ts';
import { withStoredChangeCounter } from './sqlite-change-counter.ts';
import { firstEventRows, rowsOfEvents } from './sqlite-first-events.ts';
import { withdrawnItems } from './withdrawn-items.ts';

const DEFAULT_REFRESH_MINUTES = 360;

function applyMigrations(db: Database.Database): void {
  // The same bookkeeping table wrangler keeps for D1, so one set of SQL files serves both.
  db.exec(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const dir = migrationsDir();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (applied.has(file)) continue;
    db.transaction(() => {
      db.exec(readFileSync(join(dir, file), 'utf8'));
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(file);
    })();
  }
}

function startMs(record: EventRecord): number | null {
  return record.start ? valueMs(record.start) : null;
}

export interface SqliteStoreOptions {
  /**
   * How long a write waits for another connection's write lock, blocking the thread (better-sqlite3 is
   * synchronous). A server's own connection keeps it short and answers busy instead; default 5 s.
   */
  busyTimeoutMs?: number;
}

export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): EventStore {
  const db = new Database(path);
  // Larger pages suit rows that carry a JSON record; it only takes effect on a new, empty database.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('cache_size = -4096');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  applyMigrations(db);
  // Writes through this connection; data_version covers commits by other connections (a CLI ingest).
  let ownWrites = 0;
  // Methods ask for statements by their SQL text; each is compiled once per connection, not per call.
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const dataVersion = db.prepare('PRAGMA data_version');
  let otherWrites = 0;
  let otherWritesReadAt = 0;

  const sourceByLocation = db.prepare('SELECT * FROM sources WHERE location = ?');
  const sourceById = db.prepare('SELECT * FROM sources WHERE id = ?');
  const eventCounts = db.prepare(
    "SELECT source_id, COUNT(*) AS n FROM occurrences WHERE status = 'confirmed' GROUP BY source_id",
  );
  const existingOfSource = db.prepare(
    'SELECT id, event_id, content_hash, status, start_ms, published_ms, listed FROM occurrences WHERE source_id = ?',
  );
  const unlistAll = db.prepare('UPDATE occurrences SET listed = 0 WHERE source_id = ? AND listed = 1');
  const markListed = db.prepare('UPDATE occurrences SET listed = 1, published_ms = ? WHERE id = ?');
  const candidatesInDays = db.prepare(
    'SELECT event_id, uid, start, all_day, title, url_key, place, online FROM occurrences WHERE start_ms >= ? AND start_ms < ? AND source_id <> ?',
  );
  // Positional parameters: binding named values from an object per row cost more than the insert.
  const insertOccurrence = db.prepare(`INSERT INTO occurrences
    (id, source_id, event_id, uid, recurrence_id, start, start_ms, day, all_day, title, url_key, place, online, status,
     text_id, record, content_hash, published_ms, first_seen, last_changed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateOccurrence = db.prepare(`UPDATE occurrences SET start = ?, start_ms = ?, day = ?, all_day = ?, title = ?,
    url_key = ?, place = ?, online = ?, status = ?, text_id = ?, record = ?, content_hash = ?, published_ms = ?,
    last_changed = ? WHERE id = ?`);
  const insertText = db.prepare('INSERT OR IGNORE INTO event_texts (id, json) VALUES (?, ?)');
  const dropUnusedTexts = db.prepare('DELETE FROM event_texts WHERE id NOT IN (SELECT text_id FROM occurrences)');
  const cancelOccurrence = db.prepare("UPDATE occurrences SET status = 'cancelled', last_changed = ? WHERE id = ?");
  const withdrawOccurrence = db.prepare("UPDATE occurrences SET status = 'withdrawn', last_changed = ? WHERE id = ?");

  /**
   * Other sources' events near a record's day, fetched once per day and kept for the batch: a query
   * per record was 80% of a 10,000-event ingest, and loading a whole window up front would hold every
   * other source in memory.
   */
  const candidateCache = (sourceId: string) => {
    const byDay = new Map<string, DedupeCandidate[]>();
    const dayCandidates = (day: string): DedupeCandidate[] => {
      let list = byDay.get(day);
      if (list) return list;
      const from = Date.parse(`${day}T00:00:00Z`);
      list = (candidatesInDays.all(from, from + 86_400_000, sourceId) as CandidateRow[]).map(toCandidate);
      byDay.set(day, list);
      return list;
    };
    return (record: EventRecord): DedupeCandidate[] => {
      if (!record.start) return [];
      const dayMs = Date.parse(`${record.start.slice(0, 10)}T00:00:00Z`);
      return [-1, 0, 1].flatMap((d) => dayCandidates(new Date(dayMs + d * 86_400_000).toISOString().slice(0, 10)));
    };
  };

  const writeIngest = db.transaction(
    (
      sourceId: string,
      records: Iterable<EventRecord>,
      outcome: IngestSuccess,
      matcher: DedupeMatcher,
    ): IngestCounts => {
      const counts: IngestCounts = { new: 0, changed: 0, unchanged: 0, cancelled: 0, withdrawn: 0 };
      const existing = new Map(
        (
          existingOfSource.all(sourceId) as Pick<
            OccurrenceRow,
            'id' | 'event_id' | 'content_hash' | 'status' | 'start_ms' | 'published_ms' | 'listed'
          >[]
        ).map((r) => [r.id, r]),
      );
      if (outcome.withdrawVanished) unlistAll.run(sourceId);
      // Publication dates as listed now, by occurrence: what the withdraw rule compares.
      const listedNow = new Map<string, number | null>();
      const candidatesFor = candidateCache(sourceId);
      const split = createRecordSplitter();
      let lastTextId = '';
      const seen = new Set<string>();
      for (const record of records) {
        const publishedMs = record.published ? Date.parse(record.published) : null;
        const id = stableId(sourceId, record.uid, record.recurrenceId ?? '');
        if (outcome.withdrawVanished) listedNow.set(id, publishedMs);
        const { occurrenceJson, textId, textJson, urlKey, placeKey: place, contentHash: hash } = split(record);
        if (textId !== lastTextId) {
          insertText.run(textId, textJson);
          lastTextId = textId;
        }
        const previous = existing.get(id);
        const start = record.start;
        const values = [
          start,
          startMs(record),
          start?.slice(0, 10) ?? null,
          record.allDay ? 1 : 0,
          record.title,
          urlKey,
          place,
          String(record.online),
          record.status,
          textId,
          occurrenceJson,
          hash,
          publishedMs,
        ];
        if (seen.has(id)) {
          // The same UID twice in one file: the later one wins, as a calendar app would show it.
          updateOccurrence.run(...values, outcome.at, id);
          continue;
        }
        seen.add(id);
        if (previous) {
          // A vanished event that comes back is live again: its status differs though its content does not.
          if (previous.content_hash === hash && previous.status === record.status) counts.unchanged++;
          else {
            updateOccurrence.run(...values, outcome.at, id);
            counts.changed++;
          }
          continue;
        }
        const eventId = matcher(record, candidatesFor(record)) ?? id;
        insertOccurrence.run(id, sourceId, eventId, record.uid, record.recurrenceId, ...values, outcome.at, outcome.at);
        counts.new++;
      }
      if (outcome.cancelVanished) {
        for (const [id, row] of existing) {
          if (seen.has(id) || row.status === 'cancelled') continue;
          const inside =
            row.start_ms === null || (row.start_ms >= outcome.window.fromMs && row.start_ms < outcome.window.toMs);
          if (!inside) continue;
          cancelOccurrence.run(outcome.at, id);
          counts.cancelled++;
        }
      }
      if (outcome.withdrawVanished) {
        // Even an unchanged item is stamped: listed in this run, with the date it carries now (a
        // republished item's, a row stored before publication dates were kept).
        for (const [id, publishedMs] of listedNow) markListed.run(publishedMs, id);
        const previous = [...existing.values()]
          .filter((row) => row.listed === 1 && row.status === 'confirmed')
          .map((row) => ({ id: row.id, publishedMs: row.published_ms, startMs: row.start_ms }));
        for (const id of withdrawnItems({
          previous,
          current: listedNow,
          nowMs: Date.parse(outcome.at),
          window: outcome.window,
        })) {
          withdrawOccurrence.run(outcome.at, id);
          counts.withdrawn++;
        }
      }
      if (counts.changed > 0) dropUnusedTexts.run();
      statement(`UPDATE sources SET status = CASE WHEN @changed = 0 AND last_success_at IS NOT NULL THEN 'unchanged' ELSE 'ok' END, format = @format, name = COALESCE(name, @title), etag = @etag,
          last_modified = @last_modified, next_check_at = @next_check_at, failure_count = 0, disabled = 0,
          last_success_at = @at, last_attempt_at = @at, last_error_kind = NULL, last_error_message = NULL,
          warnings = @warnings, location = COALESCE(@moved_to, location) WHERE id = @id`).run({
        id: sourceId,
        changed: counts.new + counts.changed + counts.cancelled + counts.withdrawn,
        format: outcome.format,
        title: outcome.title,
        etag: outcome.validators.etag,
        last_modified: outcome.validators.lastModified,
        next_check_at: outcome.nextCheckAt,
        at: outcome.at,
        warnings: JSON.stringify(outcome.warnings.slice(0, 50)),
        moved_to: outcome.movedTo,
      });
      return counts;
    },
  );

  const withCounts = (rows: SourceRow[]): Source[] => {
    const counts = new Map((eventCounts.all() as { source_id: string; n: number }[]).map((r) => [r.source_id, r.n]));
    return rows.map((r) => rowToSource(r, counts.get(r.id) ?? 0));
  };

  return withStoredChangeCounter(db, {
    async ensureSource(spec: SourceSpec) {
      ownWrites++;
      const existing = sourceByLocation.get(spec.location) as SourceRow | undefined;
      if (existing) {
        statement(`UPDATE sources SET name = COALESCE(?, name), kind = COALESCE(?, kind), topics = COALESCE(?, topics),
          refresh_minutes = COALESCE(?, refresh_minutes) WHERE id = ?`).run(
          spec.name ?? null,
          spec.kind ?? null,
          spec.topics ? JSON.stringify(spec.topics) : null,
          spec.refreshMinutes ?? null,
          existing.id,
        );
      } else {
        statement(`INSERT INTO sources (id, location, name, kind, topics, refresh_minutes, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
          stableId('source', spec.location),
          spec.location,
          spec.name ?? null,
          spec.kind ?? null,
          JSON.stringify(spec.topics ?? []),
          spec.refreshMinutes ?? DEFAULT_REFRESH_MINUTES,
          new Date().toISOString(),
        );
      }
      const row = sourceByLocation.get(spec.location) as SourceRow;
      return withCounts([row])[0]!;
    },
    async getSource(location) {
      const row = sourceByLocation.get(location) as SourceRow | undefined;
      return row ? withCounts([row])[0]! : null;
    },
    async getSourceById(id: string) {
      const row = sourceById.get(id) as SourceRow | undefined;
      return row ? withCounts([row])[0]! : null;
    },
    async removeSource(id: string) {
      ownWrites++;
      return db.transaction(() => {
        statement('DELETE FROM occurrences WHERE source_id = ?').run(id);
        const removed = statement('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
        statement('DELETE FROM event_texts WHERE id NOT IN (SELECT text_id FROM occurrences)').run();
        return removed;
      })();
    },
    async createUser(user: User) {
      ownWrites++;
      statement(
        'INSERT INTO users (id, profile, key_hash, feed_token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(user.id, JSON.stringify(user.profile), user.keyHash, user.feedTokenHash, user.createdAt, user.updatedAt);
    },
    async getUser(id: string) {
      return rowToUser(statement('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined);
    },
    async userByKeyHash(keyHash: string) {
      return rowToUser(statement('SELECT * FROM users WHERE key_hash = ?').get(keyHash) as UserRow | undefined);
    },
    async userByFeedTokenHash(feedTokenHash: string) {
      return rowToUser(
        statement('SELECT * FROM users WHERE feed_token_hash = ?').get(feedTokenHash) as UserRow | undefined,
      );
    },
    async listPublications(userId: string, calendar: CalendarName) {
      const rows = statement('SELECT * FROM publications WHERE user_id = ? AND calendar = ?').all(
        userId,
        calendar,
      ) as PublicationRow[];
      return rows.map((r) => ({
        entry: JSON.parse(r.entry) as CalendarEntry,
        coreHash: r.core_hash,
        fullHash: r.full_hash,
        sequence: r.sequence,
        publishedAt: r.published_at,
        lastModified: r.last_modified,
        withdrawnAt: r.withdrawn_at,
      }));
    },
    async savePublications(userId: string, calendar: CalendarName, changed: StoredPublication[], removed: string[]) {
      // Not counted in the change stamp: nothing cached from the stamp (users, picks) reads publications.
      const upsert = statement(`INSERT INTO publications
        (user_id, calendar, uid, entry, core_hash, full_hash, sequence, published_at, last_modified, withdrawn_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(user_id, calendar, uid) DO UPDATE SET entry = excluded.entry, core_hash = excluded.core_hash,
          full_hash = excluded.full_hash, sequence = excluded.sequence, last_modified = excluded.last_modified,
          withdrawn_at = excluded.withdrawn_at`);
      const remove = statement('DELETE FROM publications WHERE user_id = ? AND calendar = ? AND uid = ?');
      db.transaction(() => {
        for (const p of changed)
          upsert.run(
            userId,
            calendar,
            p.entry.uid,
            JSON.stringify(p.entry),
            p.coreHash,
            p.fullHash,
            p.sequence,
            p.publishedAt,
            p.lastModified,
            p.withdrawnAt,
          );
        for (const uid of removed) remove.run(userId, calendar, uid);
      })();
    },
    async replaceProfile(id: string, profile: Profile, at: string) {
      ownWrites++;
      return (
        statement('UPDATE users SET profile = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(profile), at, id)
          .changes > 0
      );
    },
    async changeStamp() {
      // Other connections' commits are noticed within a quarter second; this connection's writes at once.
      const now = Date.now();
      if (now - otherWritesReadAt > 250) {
        otherWrites = (dataVersion.get() as { data_version: number }).data_version;
        otherWritesReadAt = now;
      }
      return `${ownWrites}:${otherWrites}`;
    },
    async rotateCredential(id: string, which: 'key' | 'feed-token', hash: string, at: string) {
      ownWrites++;
      const column = which === 'key' ? 'key_hash' : 'feed_token_hash';
      return statement(`UPDATE users SET ${column} = ?, updated_at = ? WHERE id = ?`).run(hash, at, id).changes > 0;
    },
    async getSetting(key: string) {
      return (
        (statement('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null
      );
    },
    async setSetting(key: string, value: string) {
      statement(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
    },
    async listSources() {
      return withCounts(statement('SELECT * FROM sources ORDER BY created_at, location').all() as SourceRow[]);
    },
    async saveIngest(sourceId, records, outcome, matcher) {
      ownWrites++;
      // IMMEDIATE: the transaction reads the source's rows before writing; a deferred one would fail at
      // its first write (SQLITE_BUSY_SNAPSHOT, no busy wait) if another connection committed in between.
      return writeIngest.immediate(sourceId, records, outcome, matcher);
    },
    async saveUnchanged(sourceId: string, at: string, schedule: SourceSchedule, validators: Validators) {
      ownWrites++;
      statement(`UPDATE sources SET status = 'unchanged', last_success_at = ?, last_attempt_at = ?, next_check_at = ?,
        failure_count = 0, disabled = 0, last_error_kind = NULL, last_error_message = NULL,
        etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?`).run(
        at,
        at,
        schedule.nextCheckAt,
        validators.etag,
        validators.lastModified,
        sourceId,
      );
    },
    async saveFailure(sourceId: string, at: string, schedule: SourceSchedule, failure: SourceFailure) {
      ownWrites++;
      statement(`UPDATE sources SET status = 'error', last_attempt_at = ?, next_check_at = ?, failure_count = ?, disabled = ?,
        last_error_kind = ?, last_error_message = ? WHERE id = ?`).run(
        at,
        schedule.nextCheckAt,
        schedule.failureCount,
        schedule.disabled ? 1 : 0,
        failure.kind,
        failure.message,
        sourceId,
      );
    },
    async rewriteEventTexts(rewrite: (text: EventText) => EventText | null) {
      const rows = statement('SELECT id, json FROM event_texts').all() as { id: string; json: string }[];
      const occurrencesOf = statement('SELECT id, record FROM occurrences WHERE text_id = ?');
      const repoint = statement(
        'UPDATE occurrences SET text_id = ?, place = ?, online = ?, content_hash = ? WHERE id = ?',
      );
      let changed = 0;
      db.transaction(() => {
        for (const row of rows) {
          const next = rewrite(JSON.parse(row.json) as EventText);
          const json = next ? JSON.stringify(next) : row.json;
          if (json === row.json) continue;
          // Texts are stored under the hash of their JSON, so a new text is a new row.
          const id = stableId(json);
          statement('INSERT OR IGNORE INTO event_texts (id, json) VALUES (?, ?)').run(id, json);
          for (const occurrence of occurrencesOf.all(row.id) as { id: string; record: string }[]) {
            const record = joinRecord(occurrence.record, json);
            repoint.run(id, placeKey(record), String(record.online), stableId(occurrence.record, id), occurrence.id);
          }
          statement('DELETE FROM event_texts WHERE id = ?').run(row.id);
          changed++;
        }
      })();
      if (changed > 0) ownWrites++;
      return changed;
    },
    async listEvents(query: EventQuery) {
      if (query.ids) {
        const events = toStoredEvents(rowsOfEvents(db, query.ids, query));
        return query.limit ? events.slice(0, query.limit) : events;
      }
      if (query.limit) return toStoredEvents(firstEventRows(db, query, query.limit));
      const rows = statement(`SELECT o.*, t.json AS text_json, s.location AS source_location FROM occurrences o
          JOIN sources s ON s.id = o.source_id JOIN event_texts t ON t.id = o.text_id
          WHERE ((o.start_ms >= ? AND o.start_ms < ?) ${query.includeUndated ? 'OR o.start_ms IS NULL' : ''})
          ${query.includeCancelled ? '' : "AND o.status = 'confirmed'"}
          ORDER BY o.start_ms IS NULL, o.start_ms, o.first_seen`).all(query.fromMs, query.toMs) as (OccurrenceRow & {
        text_json: string;
        source_location: string;
      })[];
      const events: StoredEvent[] = toStoredEvents(rows);
      return query.limit ? events.slice(0, query.limit) : events;
    },
    async getEvent(id: string) {
      const rows = statement(`SELECT o.*, t.json AS text_json, s.location AS source_location FROM occurrences o
          JOIN sources s ON s.id = o.source_id JOIN event_texts t ON t.id = o.text_id WHERE o.event_id = ?`).all(
        id,
      ) as (OccurrenceRow & { text_json: string; source_location: string })[];
      return toStoredEvents(rows)[0] ?? null;
    },
    async addFeedback(f: Feedback) {
      ownWrites++;
      statement(`INSERT INTO feedback (user_key, event_id, uid, title, fields, action, met, reason, at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        f.userKey,
        f.eventId,
        f.uid,
        f.title,
        JSON.stringify(f.fields),
        f.action,
        JSON.stringify(f.met),
        f.reason,
        f.at,
      );
    },
    async listFeedback(userKey: string) {
      const rows = statement('SELECT * FROM feedback WHERE user_key = ? ORDER BY at, rowid').all(
        userKey,
      ) as FeedbackRow[];
      return rows.map((r) => ({
        userKey: r.user_key,
        eventId: r.event_id,
        uid: r.uid,
        title: r.title,
        fields: JSON.parse(r.fields) as string[],
        action: r.action as Feedback['action'],
        met: JSON.parse(r.met) as string[],
        reason: r.reason,
        at: r.at,
      }));
    },
    async addVenueFeedback(f: VenueFeedback) {
      ownWrites++;
      statement('INSERT INTO venue_feedback (user_key, venue_id, name, action, at) VALUES (?, ?, ?, ?, ?)').run(
        f.userKey,
        f.venueId,
        f.name,
        f.action,
        f.at,
      );
    },
    async listVenueFeedback(userKey: string) {
      const rows = statement('SELECT * FROM venue_feedback WHERE user_key = ? ORDER BY at, rowid').all(userKey) as {
        user_key: string;
        venue_id: string;
        name: string;
        action: string;
        at: string;
      }[];
      return rows.map((r) => ({
        userKey: r.user_key,
        venueId: r.venue_id,
        name: r.name,
        action: r.action as VenueAction,
        at: r.at,
      }));
    },
    async close() {
      db.close();
    },
  });
}

function toCandidate(row: CandidateRow): DedupeCandidate {
  return {
    eventId: row.event_id,
    uid: row.uid,
    start: row.start,
    allDay: row.all_day === 1,
    title: row.title,
    urlKey: row.url_key,
    place: row.place,
    online: row.online === 'hybrid' ? 'hybrid' : row.online === 'true',
  };
}

interface CandidateRow {
  event_id: string;
  uid: string;
  start: string | null;
  all_day: number;
  title: string;
  url_key: string | null;
  place: string | null;
  online: string;
}

interface FeedbackRow {
  user_key: string;
  event_id: string;
  uid: string;
  title: string;
  fields: string;
  action: string;
  met: string;
  reason: string | null;
  at: string;
}

interface UserRow {
  id: string;
  profile: string;
  key_hash: string;
  feed_token_hash: string;
  created_at: string;
  updated_at: string;
}

interface PublicationRow {
  entry: string;
  core_hash: string;
  full_hash: string;
  sequence: number;
  published_at: string;
  last_modified: string;
  withdrawn_at: string | null;
}

function rowToUser(row: UserRow | undefined): User | null {
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
