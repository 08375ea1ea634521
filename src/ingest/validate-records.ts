import { type EventRecord, EventRecordSchema } from '../core/event.ts';

/** The last gate before storage: a record that breaks the schema is named and left out, its siblings stored. */
export function* validRecords(records: Iterable<EventRecord>, warnings: string[]): Generator<EventRecord> {
  for (const record of records) {
    const result = EventRecordSchema.safeParse(record);
    // The schema only checks (no transforms), so the original is kept rather than zod's deep copy.
    if (result.success) yield record;
    else {
      const issue = result.error.issues[0];
      warnings.push(
        `event ${String(record.uid).slice(0, 80)}: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}, skipped`,
      );
    }
  }
}
