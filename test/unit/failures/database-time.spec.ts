import { utcDate } from '../../../src/database/db-clock';
import { isoTime } from '../../../src/failures/database-time';

describe('times the failures tables and Zuul give', () => {
  it("reads a time without a zone as UTC: Zuul's end_time, SQLite's stored text", () => {
    expect(utcDate('2026-12-07T10:20:30').toISOString()).toBe('2026-12-07T10:20:30.000Z');
    expect(utcDate('2026-12-07 10:20:30.123').toISOString()).toBe('2026-12-07T10:20:30.123Z');
  });

  it('keeps the zone a time says', () => {
    expect(utcDate('2026-12-07T10:20:30+02:00').toISOString()).toBe('2026-12-07T08:20:30.000Z');
    expect(utcDate('2026-12-07T10:20:30Z').toISOString()).toBe('2026-12-07T10:20:30.000Z');
  });

  it("gives MySQL's Date and SQLite's text alike as ISO 8601 UTC", () => {
    expect(isoTime(new Date(Date.UTC(2026, 11, 7, 10, 20, 30, 5)))).toBe('2026-12-07T10:20:30.005Z');
    expect(isoTime('2026-12-07 10:20:30.005')).toBe('2026-12-07T10:20:30.005Z');
  });

  it('gives an invalid date for text that is not a time', () => {
    expect(Number.isNaN(utcDate('yesterday').getTime())).toBe(true);
  });
});
