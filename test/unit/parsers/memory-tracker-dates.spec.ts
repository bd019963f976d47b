import { dateLineMicros } from '../../../src/artifacts/parsers/memory-tracker/date-line';
import { journalHeaderMicros, journalTime } from '../../../src/artifacts/parsers/memory-tracker/journal-time';

const iso = (micros: number | undefined) => (micros === undefined ? undefined : new Date(micros / 1000).toISOString());

// What GNU date 9.1 printed for 2026-11-22 09:40:38 UTC (`date -d @1795340438`) under each locale and
// TZ, and for the edge hours of the 12-hour clock.
describe('dateLineMicros: date(1) as its locales print it', () => {
  it.each([
    ['C, UTC', 'Sun Nov 22 09:40:38 UTC 2026', '2026-11-22T09:40:38.000Z'],
    ['en_US.UTF-8: a 12-hour clock', 'Sun Nov 22 09:40:38 AM UTC 2026', '2026-11-22T09:40:38.000Z'],
    ['en_US.UTF-8, afternoon', 'Sun Nov 22 09:40:38 PM UTC 2026', '2026-11-22T21:40:38.000Z'],
    ['en_US.UTF-8, just after midnight', 'Fri Nov 27 12:07:09 AM UTC 2026', '2026-11-27T00:07:09.000Z'],
    ['en_US.UTF-8, just after noon', 'Fri Nov 27 12:07:09 PM UTC 2026', '2026-11-27T12:07:09.000Z'],
    ['en_US.UTF-8, America/New_York', 'Sun Nov 22 04:40:38 AM EST 2026', '2026-11-22T09:40:38.000Z'],
    ['en_GB.UTF-8: day before month', 'Sun 22 Nov 09:40:38 UTC 2026', '2026-11-22T09:40:38.000Z'],
    ['en_IN.UTF-8: full names, year before the time', 'Sunday 22 November 2026 09:40:38 AM UTC', '2026-11-22T09:40:38.000Z'],
    ['C, a zone tzdata names by its offset', 'Sun Nov 22 12:40:38 +03 2026', '2026-11-22T09:40:38.000Z'],
    ['C, west of UTC', 'Sun Nov 22 06:40:38 -03 2026', '2026-11-22T09:40:38.000Z'],
    ['C, Asia/Kathmandu', 'Sun Nov 22 15:25:38 +0545 2026', '2026-11-22T09:40:38.000Z'],
    ['C, a single-digit day', 'Mon Nov  2 09:40:38 UTC 2026', '2026-11-02T09:40:38.000Z'],
    ['without a zone: UTC', 'Sun Nov 22 09:40:38 2026', '2026-11-22T09:40:38.000Z'],
    ['date -R', 'Sun, 22 Nov 2026 09:40:38 +0000', '2026-11-22T09:40:38.000Z'],
    ['date -Iseconds', '2026-11-22T15:10:38+05:30', '2026-11-22T09:40:38.000Z'],
    ['date --rfc-3339=ns', '2026-11-22 09:40:38.123456789+00:00', '2026-11-22T09:40:38.123Z'],
  ])('%s: %s', (_locale, line, expected) => expect(iso(dateLineMicros(line))).toBe(expected));

  it.each([
    ['ja_JP.UTF-8', '2026年 11月 22日 日曜日 09:40:38 UTC'],
    ['de_DE.UTF-8 in December', 'Do 3. Dez 09:40:38 UTC 2026'],
    ['an unknown zone', 'Tue Jun 28 13:22:41 XYZT 2016'],
    ['13 o’clock on a 12-hour clock', 'Sun Nov 22 13:40:38 PM UTC 2026'],
    ['a low point line', 'memory_tracker low_point: 6299900'],
    ['a meminfo line', 'MemTotal:        8175420 kB'],
    ['no year', 'Sun Nov 22 09:40:38 UTC'],
  ])('not read: %s', (_what, line) => expect(dateLineMicros(line)).toBeUndefined());
});

describe('the journal: its prefix has no year, its header does', () => {
  it('reads short-precise prefixes, zero- or space-padded days', () => {
    const t = journalTime('Nov 27 09:40:38.000037 np0041772210 memory_tracker.sh[4012]: [[[')!;
    expect(iso(t.microsIn(2026))).toBe('2026-11-27T09:40:38.000Z');
    expect(t.microsIn(2026) % 1_000_000).toBe(37);
    expect('Nov 27 09:40:38.000037 np0041772210 memory_tracker.sh[4012]: [[['.slice(t.prefixLength)).toBe('[[[');
    expect(iso(journalTime('Dec  3 23:59:50.5 host memory_tracker.sh[1]: ---')!.microsIn(2026))).toBe('2026-12-03T23:59:50.500Z');
    expect(journalTime('[[[')).toBeUndefined();
  });

  it.each([
    ['systemd ≤ 245', '-- Logs begin at Tue 2016-06-28 13:19:52 UTC, end at Tue 2016-06-28 14:15:02 UTC. --', '2016-06-28T13:19:52.000Z'],
    [
      'systemd 246–250',
      '-- Journal begins at Fri 2026-11-27 09:31:02 UTC, ends at Fri 2026-11-27 10:37:55 UTC. --',
      '2026-11-27T09:31:02.000Z',
    ],
    ['a local zone', '-- Logs begin at Fri 2026-11-27 10:31:02 CET, end at Fri 2026-11-27 11:37:55 CET. --', '2026-11-27T09:31:02.000Z'],
  ])('reads the header of %s', (_v, line, expected) => expect(iso(journalHeaderMicros(line))).toBe(expected));
});
