import { zoneOffsetMinutes } from '../dstat/time-zones';

/** `journalctl -o short-precise`'s prefix: `Nov 27 09:40:38.000037 host memory_tracker.sh[4012]: `. */
const PREFIX = /^([A-Z][a-z]{2}) ([ \d]?\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? \S+ [^\s:[]+(?:\[\d+\])?: ?/;
/** journalctl's first line: `-- Logs begin at Tue 2016-06-28 13:19:52 UTC, end at … --` (systemd ≤ 245), `-- Journal begins at … --` (246–250). */
const HEADER = /^-- (?:Logs begin|Journal begins) at \w+ (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?: (\S+?))?,/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The time in a journal line's prefix: everything but the year, which it does not write. */
export interface JournalTime {
  /** Characters of the prefix, to strip. */
  prefixLength: number;
  /** Microseconds since the epoch in year `year`, the prefix's clock read as UTC. */
  microsIn(year: number): number;
}

export function journalTime(line: string): JournalTime | undefined {
  const m = PREFIX.exec(line);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]);
  if (month < 0) return undefined;
  const [day, h, min, s] = [m[2], m[3], m[4], m[5]].map(Number);
  const fraction = Number((m[6] ?? '').padEnd(6, '0'));
  return { prefixLength: m[0].length, microsIn: (year) => Date.UTC(year, month, day, h, min, s) * 1000 + fraction };
}

/** Microseconds since the epoch of journalctl's header line, undefined for any other line (or an unknown zone). */
export function journalHeaderMicros(line: string): number | undefined {
  const m = HEADER.exec(line);
  if (!m) return undefined;
  const offset = m[7] === undefined ? 0 : zoneOffsetMinutes(m[7]);
  if (offset === undefined) return undefined;
  return (Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - offset * 60_000) * 1000;
}
