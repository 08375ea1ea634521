// The library floor: ical.js alone, used the fast way (VEVENTs grouped by UID, exceptions passed
// explicitly so ICAL.Event does not rescan the calendar, time zones registered), parsing and expanding
// the same file into the same window. Prints how many occurrences it found.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, fromIso, toIso] = process.argv.slice(2);
const fromMs = Date.parse(fromIso);
const toMs = Date.parse(toIso);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
const masters = new Map();
const exceptions = new Map();
for (const vevent of calendar.getAllSubcomponents('vevent')) {
  const uid = vevent.getFirstPropertyValue('uid');
  if (vevent.hasProperty('recurrence-id')) exceptions.set(uid, [...(exceptions.get(uid) ?? []), vevent]);
  else masters.set(uid, vevent);
}
let count = 0;
const end = ICAL.Time.fromJSDate(new Date(toMs), true);
for (const [uid, master] of masters) {
  const event = new ICAL.Event(master, { exceptions: exceptions.get(uid) ?? [], strictExceptions: false });
  if (!event.isRecurring()) {
    const ms = event.startDate.toUnixTime() * 1000;
    if (ms >= fromMs && ms < toMs) count++;
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.compare(end) >= 0) break;
    const details = event.getOccurrenceDetails(next);
    const ms = details.startDate.toUnixTime() * 1000;
    if (ms >= fromMs && ms < toMs) count++;
  }
}
process.stdout.write(`${count}\n`);
