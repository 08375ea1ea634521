/**
 * What each file in corpus/malformed/ must give. `error`: the source fails with that kind and a
 * message naming the problem. `salvage`: it is read, with a warning saying what was repaired, guessed
 * or skipped. `read`: the file is odd but nothing in it is dropped or guessed, so it is read with no
 * warning at all; `why` says what is odd and why it is read as written.
 */
export type MalformedExpectation =
  | { outcome: 'error'; kind: 'parse' | 'not_a_feed'; message: RegExp }
  | { outcome: 'salvage'; warning: RegExp; minEvents?: number }
  | { outcome: 'read'; minEvents: number; why: string };

export const MALFORMED: Record<string, MalformedExpectation> = {
  'feedparser__aaa_illformed.xml': { outcome: 'salvage', warning: /last end tag was cut short/ },
  'feedparser__bozo_bogus_encoding.xml': { outcome: 'salvage', warning: /unknown charset "bogus"/ },
  'feedparser__bozo_linenoise.xml': { outcome: 'salvage', warning: /not valid UTF-8/ },
  'feedparser__demoronize-1.xml': {
    outcome: 'salvage',
    warning: /1 C1 control character read as Windows-1252 punctuation/,
    minEvents: 1,
  },
  'feedparser__rss_incomplete_cdata.xml': { outcome: 'error', kind: 'parse', message: /not valid RSS or Atom/ },
  'feedparser__rss_item_link_corrupted_ampersands.xml': {
    outcome: 'salvage',
    warning: /3 HTML entities or bare ampersands repaired/,
    minEvents: 1,
  },
  'feedparser__shiftjis.xml': { outcome: 'salvage', warning: /not valid UTF-8; read as windows-1252/, minEvents: 1 },
  'feedparser__undeclared_namespace.xml': {
    outcome: 'salvage',
    warning: /undeclared XML namespace prefix "itunes"/,
  },
  'feedparser__windows1255.xml': { outcome: 'salvage', warning: /without version read as RSS 2\.0/, minEvents: 1 },
  'gofeed__issue_305_bare_ampersand.xml': { outcome: 'salvage', warning: /bare ampersands repaired/ },
  'gofeed__issue_320_legacy_entity_prefix.xml': { outcome: 'salvage', warning: /entities or bare ampersands repaired/ },
  'ical4j__1106817412.ics': { outcome: 'salvage', warning: /not valid UTF-8/, minEvents: 1 },
  'ical4j__13-MoonPhase.ics': { outcome: 'salvage', warning: /read it event by event/, minEvents: 40 },
  'ical4j__boeing.ics': { outcome: 'salvage', warning: /no VEVENT/ },
  'ical4j__groupwise.ics': {
    outcome: 'read',
    minEvents: 1,
    why: 'ORGANIZER has an empty address but a CN, which is the only part read; nothing else is off',
  },
  'ical4j__korganizer-lowercase.ics': { outcome: 'salvage', warning: /blank lines/, minEvents: 20 },
  'ical4j__lastfm.ics': { outcome: 'salvage', warning: /blank lines/, minEvents: 30 },
  'ical4j__phpicalendar_sample.ics': {
    outcome: 'salvage',
    warning: /event "D9040425-RID ": unreadable RRULE \(.*\) ignored; only DTSTART is read/,
    minEvents: 100,
  },
  'ical4j__schedule-unstable.ics': { outcome: 'salvage', warning: /invalid DTSTART, skipped/, minEvents: 30 },
  'ical4j__sogo-geo-escaped-semicolon.ics': {
    outcome: 'salvage',
    warning: /escaped semicolon in GEO repaired \(1 line, first at line 9\)/,
    minEvents: 1,
  },
  'ical4j__tmeher.ics': {
    outcome: 'salvage',
    warning:
      /TZID "Pacific Time \(US & Canada\), Tijuana" read as America\/Los_Angeles, guessed from a Windows display name/,
    minEvents: 1,
  },
  'icaljs__blank_line_end.ics': { outcome: 'salvage', warning: /no VEVENT/ },
  'icaljs__blank_line_mid.ics': { outcome: 'salvage', warning: /blank lines/ },
  'icaljs__newline_junk.ics': { outcome: 'salvage', warning: /blank lines/ },
  'icaljs__utc_negative_zero.ics': {
    outcome: 'salvage',
    warning: /VTIMEZONE "Etc\/GMT": invalid TZOFFSETTO -0000/,
    minEvents: 1,
  },
  'khal__event_dt_recuid_no_master.ics': {
    outcome: 'salvage',
    warning: /event "406336": RECURRENCE-ID of a series not in the file; read as a single event/,
    minEvents: 1,
  },
  'khal__event_dt_rrule_invalid_until.ics': {
    outcome: 'salvage',
    warning: /RRULE UNTIL is a date-time but DTSTART a date/,
    minEvents: 1,
  },
  'khal__tz_windows_format.ics': {
    outcome: 'salvage',
    warning:
      /VTIMEZONE "New Zealand Standard Time": an observance starts from \+12:00, an offset no observance goes to/,
    minEvents: 1,
  },
  'libical__user-cal.vcf': { outcome: 'salvage', warning: /blank lines/, minEvents: 1 },
  'libical__zday.ics': {
    outcome: 'salvage',
    warning:
      /did not parse as a whole \(BYMONTH[\s\S]*event "a": unreadable RRULE \(invalid BYDAY value \\"0FR\\"\) ignored; only DTSTART is read/,
  },
  'miniflux__no_encoding_ISO-8859-1.xml': { outcome: 'salvage', warning: /read as windows-1252/, minEvents: 1 },
  'miniflux__utf8-incorrect-prolog.xml': {
    outcome: 'salvage',
    warning: /declared ISO-8859-1 but the content is UTF-8/,
    minEvents: 1,
  },
  'miniflux__windows-1252-incorrect-prolog.xml': {
    outcome: 'salvage',
    warning: /declared windows-1252 but the content is UTF-8/,
  },
  'nodeical__badRRULE.ics': {
    outcome: 'salvage',
    warning: /occurrences in the window; the rest are left out/,
    minEvents: 100,
  },
  'nodeical__bad_ms_tz.ics': {
    outcome: 'read',
    minEvents: 1,
    why: '"Customized Time Zone" is no zone name, but the file defines it in a valid VTIMEZONE, which is what its times are read by',
  },
  'pyicalendar__bom_calendar.ics': { outcome: 'salvage', warning: /no VEVENT/ },
  'pyicalendar__broken_dtstart.ics': { outcome: 'salvage', warning: /invalid DTSTART, skipped/ },
  'pyicalendar__broken_ical.ics': {
    outcome: 'salvage',
    warning: /empty property parameters repaired \(1 line, first at line 4\)/,
    minEvents: 1,
  },
  'pyicalendar__invalid_duration.ics': { outcome: 'salvage', warning: /implausible duration ignored/, minEvents: 1 },
  'pyicalendar__issue_1081_invalid_rrule_freq.ics': {
    outcome: 'salvage',
    warning: /unreadable RRULE \(invalid frequency .*\) ignored; only DTSTART is read/,
    minEvents: 1,
  },
  'pyicalendar__issue_218_bad_tzid.ics': {
    outcome: 'salvage',
    warning: /VTIMEZONE "UTC\+11": STANDARD DTSTART is not a local date-time/,
    minEvents: 1,
  },
  'pyicalendar__issue_351_whitespace_in_property_and_params.ics': {
    outcome: 'salvage',
    warning: /whitespace in property names or parameters repaired \(1 line, first at line 4\)/,
    minEvents: 1,
  },
  'pyicalendar__parsing_error_in_UTC_offset.ics': { outcome: 'salvage', warning: /no VEVENT/ },
  'pyvobject__radicale-1587.vcf': { outcome: 'error', kind: 'not_a_feed', message: /vCard/ },
  'recurring__bad_rrule_missing_until_event.ics': {
    outcome: 'salvage',
    warning: /RRULE part "UNTL" is not in RFC 5545; ignored/,
    minEvents: 100,
  },
  'recurring__end_before_start_event.ics': { outcome: 'salvage', warning: /ends before it starts/, minEvents: 1 },
  'rssparser__unrecognized.rss': { outcome: 'error', kind: 'not_a_feed', message: /not RSS or Atom/ },
};
