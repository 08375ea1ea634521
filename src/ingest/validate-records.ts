import {
  type EventRecord,
  EventTextSchema,
  EventTimingCheckedSchema,
  EventTimingSchema,
  sameEventText,
} from '../core/event.ts';
import { plainlyValidText, plainlyValidTiming } from './plainly-valid.ts';

type Issue = { path: PropertyKey[]; message: string } | undefined;

/**
 * The first problem EventRecordSchema would name, checked in two halves: the occurrences of a series
 * share their text (the very same values), so it is checked once per series, and only the timing per
 * occurrence. The order of the whole schema is kept: a timing field, then a text field, then the
 * end-before-start rule, which the whole schema applies only once every field passed.
 */
function firstIssue(record: EventRecord, textChecked: boolean): Issue {
  if (plainlyValidTiming(record) && (textChecked || plainlyValidText(record))) return undefined;
  const timing = EventTimingCheckedSchema.safeParse(record);
  if (timing.success) {
    if (textChecked) return undefined;
    const text = EventTextSchema.safeParse(record);
    return text.success ? undefined : (text.error.issues[0] ?? { path: [], message: 'invalid' });
  }
  const fields = EventTimingSchema.safeParse(record);
  if (!fields.success) return fields.error.issues[0] ?? { path: [], message: 'invalid' };
  const text = textChecked ? null : EventTextSchema.safeParse(record);
  if (text && !text.success) return text.error.issues[0] ?? { path: [], message: 'invalid' };
  return timing.error.issues[0] ?? { path: [], message: 'invalid' };
}

/** The last gate before storage: a record that breaks the schema is named and left out, its siblings stored. */
export function* validRecords(records: Iterable<EventRecord>, warnings: string[]): Generator<EventRecord> {
  let lastValidText: EventRecord | null = null;
  for (const record of records) {
    const issue = firstIssue(record, lastValidText !== null && sameEventText(lastValidText, record));
    // The schemas only check (no transforms), so the original is kept rather than zod's deep copy.
    if (issue === undefined) {
      lastValidText = record;
      yield record;
    } else
      warnings.push(
        `event ${String(record.uid).slice(0, 80)}: ${issue.path.join('.') || 'record'}: ${issue.message}, skipped`,
      );
  }
}
