import { valueMs } from '../core/dates.ts';
import type { EventRecord } from '../core/event.ts';
import type { DedupeCandidate, DedupeInput, DedupeMatcher, IngestCounts, IngestSuccess } from '../core/event-store.ts';
import { stableId } from '../core/stable-id.ts';
import { createRecordSplitter, type SplitRecord } from './record-split.ts';
import { withdrawnItems } from './withdrawn-items.ts';

export const DAY_MS = 86_400_000;

/** What the plan needs of a row the source stored before. */
export interface StoredOccurrence {
  id: string;
  eventId: string;
  contentHash: string;
  status: string;
  startMs: number | null;
  publishedMs: number | null;
  /** The source's latest successful run listed it (feeds). */
  listed: boolean;
}

/**
 * What the write and the matcher read of a record beside its split: the record itself (its description
 * above all, which lives on in the split's text JSON) is let go as soon as it is split.
 */
export interface OccurrenceFields extends DedupeInput {
  recurrenceId: string | null;
  status: EventRecord['status'];
}

/** One record of this run, identified and split into its stored parts. */
export interface IdentifiedRecord {
  id: string;
  record: OccurrenceFields;
  split: SplitRecord;
  /**
   * The stored row after its id and event id, as the writer serialised it (`"uid",…]`): serialised once,
   * where an array of cells per written row was built only to be serialised.
   */
  rowTail: string;
  startMs: number | null;
  publishedMs: number | null;
  /** The UTC day number of the date the start is written with, the day de-duplication compares. */
  day: number | null;
}

/** An occurrence row as the plan writes it, whole. */
export interface OccurrenceWrite extends IdentifiedRecord {
  eventId: string;
}

/** How the writer serialises a row's cells after its id and event id, while the record is at hand. */
export type RowTailOf = (record: OccurrenceFields, identified: Omit<IdentifiedRecord, 'record' | 'rowTail'>) => string;

export interface IngestPlan {
  counts: IngestCounts;
  /** New rows, and rows of this source whose content or status changed (or listed twice in one run). */
  writes: OccurrenceWrite[];
  /** The splits that carry the shared texts the written rows point to, one per text id. */
  texts: SplitRecord[];
  cancelled: string[];
  withdrawn: string[];
  /** Feeds: every row this run lists, with the publication date it lists now; null for calendars. */
  listed: { id: string; publishedMs: number | null }[] | null;
  /** A changed row may have left its old text unused. */
  dropUnusedTexts: boolean;
}

/** 2026-12-01... as a day number (days since 1970-01-01), without building a Date per record. */
export function dayNumber(start: string): number {
  return Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10))) / DAY_MS;
}

/** Reads the whole run (a parser failure while it streams throws here, before anything is written). */
export function identifyRecords(
  sourceId: string,
  records: Iterable<EventRecord>,
  rowTailOf: RowTailOf,
): IdentifiedRecord[] {
  const split = createRecordSplitter();
  const identified: IdentifiedRecord[] = [];
  for (const record of records) {
    const parts = {
      id: stableId(sourceId, record.uid, record.recurrenceId ?? ''),
      split: split(record),
      startMs: record.start ? valueMs(record.start) : null,
      publishedMs: record.published ? Date.parse(record.published) : null,
      day: record.start ? dayNumber(record.start) : null,
    };
    const fields: OccurrenceFields = {
      uid: record.uid,
      recurrenceId: record.recurrenceId,
      start: record.start,
      allDay: record.allDay,
      title: record.title,
      urlKey: parts.split.urlKey,
      place: parts.split.placeKey,
      online: record.online,
      status: record.status,
    };
    identified.push({
      id: parts.id,
      record: fields,
      split: parts.split,
      rowTail: rowTailOf(fields, parts),
      startMs: parts.startMs,
      publishedMs: parts.publishedMs,
      day: parts.day,
    });
  }
  return identified;
}

/**
 * The days whose events from other sources the matcher may compare with: each new record's day and
 * its neighbours (a timed and an all-day listing of one event can fall on neighbouring UTC dates).
 * Sorted, each once.
 */
export function candidateDays(records: readonly IdentifiedRecord[], stored: readonly StoredOccurrence[]): number[] {
  const known = new Set(stored.map((row) => row.id));
  const days = new Set<number>();
  for (const { id, day } of records) {
    if (day === null || known.has(id)) continue;
    days.add(day - 1);
    days.add(day);
    days.add(day + 1);
  }
  return [...days].sort((a, b) => a - b);
}

/** Consecutive days folded into [first, last] runs: one range look-up each. */
export function dayRuns(days: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && day === last[1] + 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

export interface PlanInput {
  records: readonly IdentifiedRecord[];
  stored: readonly StoredOccurrence[];
  /** Other sources' events on the candidate days, by the UTC day their start_ms falls on. */
  candidatesByDay: ReadonlyMap<number, DedupeCandidate[]>;
  outcome: IngestSuccess;
  matcher: DedupeMatcher;
}

/** What one successful run changes in the store, decided without touching it. */
export function planIngest({ records, stored, candidatesByDay, outcome, matcher }: PlanInput): IngestPlan {
  const counts: IngestCounts = { new: 0, changed: 0, unchanged: 0, cancelled: 0, withdrawn: 0 };
  const previousById = new Map(stored.map((row) => [row.id, row]));
  const neighbours = new Map<number, DedupeCandidate[]>();
  const candidatesOn = (day: number): DedupeCandidate[] => {
    let list = neighbours.get(day);
    if (!list) {
      list = [day - 1, day, day + 1].flatMap((d) => candidatesByDay.get(d) ?? []);
      neighbours.set(day, list);
    }
    return list;
  };
  const writes = new Map<string, OccurrenceWrite>();
  const seen = new Set<string>();
  // Publication dates as listed now, by occurrence: what the withdraw rule compares (feeds only: a
  // calendar's run would hold one entry per occurrence until its write for nothing).
  const listedNow = new Map<string, number | null>();
  const listing = outcome.withdrawVanished;
  for (const item of records) {
    const { id, split } = item;
    if (listing) listedNow.set(id, item.publishedMs);
    const write = (eventId: string) =>
      writes.set(id, {
        id,
        eventId,
        record: item.record,
        split,
        rowTail: item.rowTail,
        startMs: item.startMs,
        publishedMs: item.publishedMs,
        day: item.day,
      });
    if (seen.has(id)) {
      // The same UID twice in one file: the later one wins, as a calendar app would show it.
      write(writes.get(id)?.eventId ?? previousById.get(id)?.eventId ?? id);
      continue;
    }
    seen.add(id);
    const previous = previousById.get(id);
    if (previous) {
      // A vanished event that comes back is live again: its status differs though its content does not.
      if (previous.contentHash === split.contentHash && previous.status === item.record.status) counts.unchanged++;
      else {
        write(previous.eventId);
        counts.changed++;
      }
      continue;
    }
    write(matcher(item.record, item.day === null ? [] : candidatesOn(item.day)) ?? id);
    counts.new++;
  }
  const cancelled: string[] = [];
  if (outcome.cancelVanished) {
    for (const row of stored) {
      if (seen.has(row.id) || row.status === 'cancelled') continue;
      const inside =
        row.startMs === null || (row.startMs >= outcome.window.fromMs && row.startMs < outcome.window.toMs);
      if (inside) cancelled.push(row.id);
    }
    counts.cancelled = cancelled.length;
  }
  let withdrawn: string[] = [];
  if (outcome.withdrawVanished) {
    withdrawn = withdrawnItems({
      previous: stored
        .filter((row) => row.listed && row.status === 'confirmed')
        .map((row) => ({ id: row.id, publishedMs: row.publishedMs, startMs: row.startMs })),
      current: listedNow,
      nowMs: Date.parse(outcome.at),
      window: outcome.window,
    });
    counts.withdrawn = withdrawn.length;
  }
  const texts: SplitRecord[] = [];
  const textIds = new Set<string>();
  for (const { split } of writes.values()) {
    if (textIds.has(split.textId)) continue;
    textIds.add(split.textId);
    texts.push(split);
  }
  return {
    counts,
    writes: [...writes.values()],
    texts,
    cancelled,
    withdrawn,
    // Even an unchanged item is stamped: listed in this run, with the date it carries now (a
    // republished item's, a row stored before publication dates were kept).
    listed: outcome.withdrawVanished ? [...listedNow].map(([id, publishedMs]) => ({ id, publishedMs })) : null,
    dropUnusedTexts: counts.changed > 0,
  };
}
