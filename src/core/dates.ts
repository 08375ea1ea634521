/** An ISO 8601 text as a stored value: a UTC instant for date-times, the date itself for dates. */
export function isoInstantOrDate(text: string): { value: string; allDay: boolean } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
    return { value: text, allDay: true };
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return { value: new Date(ms).toISOString().replace('.000Z', 'Z'), allDay: false };
}

/** Epoch ms of a stored start or end value (dates count from UTC midnight). */
export function valueMs(value: string): number {
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** `--from 2026-12-01` or a full instant. */
export function parseDateOption(text: string, name: string): number {
  const parsed = isoInstantOrDate(text.trim());
  if (!parsed) throw new Error(`${name}: not a date (expected YYYY-MM-DD or an ISO 8601 instant): ${text}`);
  return valueMs(parsed.value);
}
