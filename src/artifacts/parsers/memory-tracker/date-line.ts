import { zoneOffsetMinutes } from '../dstat/time-zones';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?\s*(Z|[+-]\d\d(?::?\d\d)?)?$/i;
const TIME = /^(\d{1,2}):(\d\d):(\d\d)(?:[.,](\d+))?$/;
const NUMERIC_ZONE = /^[+-]\d\d(?::?\d\d)?$/;

/**
 * Microseconds since the epoch of a line date(1) printed, in the forms its locales give (English
 * month names), or undefined when the line is not one:
 * - C and POSIX: `Fri Nov 27 09:40:38 UTC 2026`; en_US on glibc 2.29+ a 12-hour clock,
 *   `Fri Nov 27 09:40:38 AM UTC 2026`; en_GB `Fri 27 Nov 09:40:38 UTC 2026`; en_IN
 *   `Friday 27 November 2026 09:40:38 AM UTC`; `date -R` `Fri, 27 Nov 2026 09:40:38 +0000`;
 * - `date -Iseconds` / `--rfc-3339`: `2026-11-27T09:40:38+00:00`;
 * - the zone an abbreviation (`UTC`, `EST`, …), numeric (`+03`, `+0530`, `-03:00`) or absent (UTC,
 *   which CI nodes run in). An unknown abbreviation makes the line unreadable rather than wrong.
 * Another language's month names (`Dez`, `11月`) are not read.
 */
export function dateLineMicros(line: string): number | undefined {
  const text = line.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const offset = iso[8] === undefined || iso[8].toUpperCase() === 'Z' ? 0 : zoneOffsetMinutes(iso[8]);
    if (offset === undefined) return undefined;
    return micros(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4]), Number(iso[5]), Number(iso[6]), iso[7], offset);
  }
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  let time: RegExpExecArray | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  let offset: number | undefined;
  for (const raw of text.split(/\s+/)) {
    const token = raw.replace(/[.,]$/, '');
    const lower = token.toLowerCase();
    const clock = TIME.exec(token);
    if (clock) {
      if (time) return undefined;
      time = clock;
    } else if (/^\d{4}$/.test(token) && year === undefined) {
      year = Number(token);
    } else if (/^\d{1,2}$/.test(token) && day === undefined) {
      day = Number(token);
    } else if (lower === 'am' || lower === 'pm' || lower === 'a.m' || lower === 'p.m') {
      meridiem = lower[0] === 'a' ? 'am' : 'pm';
    } else if (NUMERIC_ZONE.test(token)) {
      offset = zoneOffsetMinutes(token);
    } else if (/^[a-z]+$/i.test(token)) {
      const m = MONTHS.indexOf(lower.slice(0, 3));
      // a month's name (`Nov`, `November`); else a weekday, or a zone abbreviation when it is one
      if (m >= 0 && month === undefined && (lower.length === 3 || lower.startsWith(fullMonth(m)))) month = m;
      else if (token === token.toUpperCase() && token.length >= 2) {
        offset = zoneOffsetMinutes(token);
        if (offset === undefined) return undefined;
      } else if (!/^[A-Z][a-z]+$/.test(token)) return undefined;
    } else {
      return undefined;
    }
  }
  if (month === undefined || day === undefined || year === undefined || !time) return undefined;
  let hour = Number(time[1]);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return micros(year, month, day, hour, Number(time[2]), Number(time[3]), time[4], offset ?? 0);
}

const FULL_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const fullMonth = (m: number) => FULL_MONTHS[m];

function micros(
  year: number,
  month: number,
  day: number,
  h: number,
  m: number,
  s: number,
  fraction: string | undefined,
  offsetMinutes: number,
) {
  if (month < 0 || month > 11 || day < 1 || day > 31 || h > 23 || m > 59 || s > 60) return undefined;
  const millis = Date.UTC(year, month, day, h, m, s) - offsetMinutes * 60_000;
  if (Number.isNaN(millis)) return undefined;
  return millis * 1000 + Number((fraction ?? '').slice(0, 6).padEnd(6, '0'));
}
