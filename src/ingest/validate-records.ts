import { type EventRecord, EventRecordSchema } from '../core/event.ts';

/** The last gate before storage: a record that breaks the schema is named and left out, its siblings stored. */
export function validateRecords(records: EventRecord[], warnings: string[]): EventRecord[] {
  const valid: EventRecord[] = [];
  for (const record of records) {
    const result = EventRecordSchema.safeParse(record);
    if (result.success) valid.push(result.data);
    else {
      const issue = result.error.issues[0];
      warnings.push(
        `event ${String(record.uid).slice(0, 80)}: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}, skipped`,
      );
    }
  }
  return valid;
}
