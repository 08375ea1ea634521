import type { IngestSuccess } from '../core/event-store.ts';
import type { IngestPlan, OccurrenceWrite, RowTailOf } from '../ingest/plan-ingest.ts';
import { bumpChangeCounter, bumpEventsCounter } from './change-counter.ts';
import { type SqlStatement, sql } from './sql-driver.ts';
import {
  type JsonCell,
  type JsonEach,
  jsonRowChunks,
  lazyJsonRowStatements,
  lazyValuesStatements,
  utf8Bytes,
} from './statement-limits.ts';

/** How a write carries its rows: bound as multi-row VALUES (SQLite), or as JSON read by a table function. */
export type RowCarrier = 'values' | JsonEach;

const OCCURRENCE_COLUMNS = `(id, event_id, uid, recurrence_id, start, start_ms, day, all_day, title, url_key, place,
  online, status, text_id, record, content_hash, published_ms, source_id, first_seen, last_changed)`;

// New rows and changed rows in one statement: a changed row keeps its event id and first_seen. An
// upsert, not a plain insert, also because the rows were read before this batch, outside it.
const ON_CONFLICT = `ON CONFLICT(id) DO UPDATE SET start = excluded.start, start_ms = excluded.start_ms,
  day = excluded.day, all_day = excluded.all_day, title = excluded.title, url_key = excluded.url_key,
  place = excluded.place, online = excluded.online, status = excluded.status, text_id = excluded.text_id,
  record = excluded.record, content_hash = excluded.content_hash, published_ms = excluded.published_ms,
  last_changed = excluded.last_changed`;

const insertTexts = (each: JsonEach) =>
  `INSERT OR IGNORE INTO event_texts (id, json) SELECT value->>0, value->>1 FROM ${each}(?)`;

const upsertOccurrences = (each: JsonEach) => `INSERT INTO occurrences ${OCCURRENCE_COLUMNS}
  SELECT ${Array.from({ length: 17 }, (_, i) => `value->>${i}`).join(', ')}, ?, ?, ?
  FROM ${each}(?) WHERE true ${ON_CONFLICT}`;

const MARK_LISTED = `UPDATE occurrences SET listed = 1, published_ms = j.value->>1 FROM json_each(?) j
  WHERE occurrences.id = j.value->>0`;

const SET_STATUS =
  'UPDATE occurrences SET status = ?, last_changed = ? WHERE id IN (SELECT value->>0 FROM json_each(?))';

const UPDATE_SOURCE = `UPDATE sources SET status = CASE WHEN ? = 0 AND last_success_at IS NOT NULL THEN 'unchanged' ELSE 'ok' END,
  format = ?, name = COALESCE(name, ?), etag = ?, last_modified = ?, next_check_at = ?, failure_count = 0, disabled = 0,
  last_success_at = ?, last_attempt_at = ?, last_error_kind = NULL, last_error_message = NULL, warnings = ?,
  location = COALESCE(?, location) WHERE id = ?`;

/** Adds a row's cells after its id and event id, in the order of OCCURRENCE_COLUMNS. */
function pushOccurrenceCells(
  into: { push(...cells: JsonCell[]): number },
  record: Parameters<RowTailOf>[0],
  { startMs, split, publishedMs }: Parameters<RowTailOf>[1],
): void {
  into.push(
    record.uid,
    record.recurrenceId,
    record.start,
    startMs,
    record.start?.slice(0, 10) ?? null,
    record.allDay ? 1 : 0,
    record.title,
    split.urlKey,
    split.placeKey,
    String(record.online),
    record.status,
    split.textId,
    split.occurrenceJson,
    split.contentHash,
    publishedMs,
  );
}

/** A row's cells after its id and event id, serialised while the record is at hand (see IdentifiedRecord). */
export const occurrenceRowTail: RowTailOf = (record, identified) => {
  const cells: JsonCell[] = [];
  pushOccurrenceCells(cells, record, identified);
  return JSON.stringify(cells).slice(1);
};

/** Rows bound as VALUES take their cells from the record when written: no tail to serialise. */
export const noRowTail: RowTailOf = () => '';

/** The tail each identified record needs for rows carried this way. */
export const rowTailFor = (carrier: RowCarrier): RowTailOf => (carrier === 'values' ? noRowTail : occurrenceRowTail);

/** The whole row, as JSON.stringify would write the array of its cells. */
const occurrenceRow = (write: OccurrenceWrite): string =>
  `[${JSON.stringify(write.id)},${JSON.stringify(write.eventId)},${write.rowTail}`;

const QUOTE_OR_BACKSLASH = /["\\]/g;

/**
 * The UTF-8 length of `["id","json"]` without serialising the text a second time: a text's JSON (from
 * JSON.stringify) holds no control character and no lone surrogate, so quoting it again only escapes
 * its quotes and backslashes, one byte each.
 */
export function textRowBytes([id, json]: readonly [string, string]): number {
  return utf8Bytes(JSON.stringify(id)) + utf8Bytes(json) + (json.match(QUOTE_OR_BACKSLASH)?.length ?? 0) + 5;
}

/** Its UTF-8 length, without joining it to its long tail. */
const occurrenceRowBytes = (write: OccurrenceWrite): number =>
  utf8Bytes(`[${JSON.stringify(write.id)},${JSON.stringify(write.eventId)},`) + utf8Bytes(write.rowTail);

function statusChange(status: 'cancelled' | 'withdrawn', ids: string[], at: string): SqlStatement[] {
  return jsonRowChunks(ids.map((id) => [id])).map((json) => sql(SET_STATUS, status, at, json));
}

/**
 * Whether the run changes what a listing of events shows: a calendar that lists the same as last time
 * leaves the events stamp (and so the ranking catalog and search index derived from it) as it was. A feed's
 * run rewrites the publication dates it lists, and a moved source shows under its new address.
 */
function eventsMayChange(plan: IngestPlan, outcome: IngestSuccess): boolean {
  return (
    plan.writes.length + plan.cancelled.length + plan.withdrawn.length > 0 ||
    plan.listed !== null ||
    outcome.movedTo !== null
  );
}

/** The texts and rows the plan writes, carried as the engine takes them best. */
function rowWrites(sourceId: string, plan: IngestPlan, at: string, carrier: RowCarrier): SqlStatement[] {
  const { texts } = plan;
  const listedOff = plan.listed
    ? [sql('UPDATE occurrences SET listed = 0 WHERE source_id = ? AND listed = 1', sourceId)]
    : [];
  if (carrier === 'values')
    return [
      ...lazyValuesStatements(texts.length, 2, 'INSERT OR IGNORE INTO event_texts (id, json)', '', (i, into) => {
        into.push(texts[i]!.textId, texts[i]!.textJson);
      }),
      ...listedOff,
      ...lazyValuesStatements(
        plan.writes.length,
        20,
        `INSERT INTO occurrences ${OCCURRENCE_COLUMNS}`,
        ON_CONFLICT,
        (i, into) => {
          const write = plan.writes[i]!;
          into.push(write.id, write.eventId);
          pushOccurrenceCells(into, write.record, write);
          into.push(sourceId, at, at);
        },
      ),
    ];
  const upsert = upsertOccurrences(carrier);
  return [
    ...lazyJsonRowStatements(
      texts.length,
      (i) => JSON.stringify([texts[i]!.textId, texts[i]!.textJson]),
      (json) => sql(insertTexts(carrier), json),
      (i) => textRowBytes([texts[i]!.textId, texts[i]!.textJson]),
    ),
    ...listedOff,
    ...lazyJsonRowStatements(
      plan.writes.length,
      (i) => occurrenceRow(plan.writes[i]!),
      (json) => sql(upsert, sourceId, at, at, json),
      (i) => occurrenceRowBytes(plan.writes[i]!),
    ),
  ];
}

/** The plan as one batch: the source's previous events stand unless all of it is written. */
export function writeIngestPlan(
  sourceId: string,
  plan: IngestPlan,
  outcome: IngestSuccess,
  carrier: RowCarrier,
): SqlStatement[] {
  const { counts } = plan;
  const statements = rowWrites(sourceId, plan, outcome.at, carrier);
  if (plan.listed)
    for (const json of jsonRowChunks(plan.listed.map(({ id, publishedMs }) => [id, publishedMs])))
      statements.push(sql(MARK_LISTED, json));
  statements.push(...statusChange('cancelled', plan.cancelled, outcome.at));
  statements.push(...statusChange('withdrawn', plan.withdrawn, outcome.at));
  if (plan.dropUnusedTexts)
    statements.push(sql('DELETE FROM event_texts WHERE id NOT IN (SELECT text_id FROM occurrences)'));
  statements.push(
    sql(
      UPDATE_SOURCE,
      counts.new + counts.changed + counts.cancelled + counts.withdrawn,
      outcome.format,
      outcome.title,
      outcome.validators.etag,
      outcome.validators.lastModified,
      outcome.nextCheckAt,
      outcome.at,
      outcome.at,
      JSON.stringify(outcome.warnings.slice(0, 50)),
      outcome.movedTo,
      sourceId,
    ),
    eventsMayChange(plan, outcome) ? bumpEventsCounter : bumpChangeCounter,
  );
  return statements;
}
