import { DataSource } from 'typeorm';
import { Dialect, dialectOf } from './dialect';

/**
 * The database's clock minus `ms`, formatted like the stored created_at/updated_at values, so
 * `column < ?` compares like with like. The database writes those columns from its own clock
 * (CURRENT_TIMESTAMP defaults), so using it here keeps several app hosts with skewed clocks
 * agreeing on what is old.
 */
export async function databaseTimeAgo(dataSource: DataSource, ms: number): Promise<string> {
  const rows: { t: string }[] =
    dialectOf(dataSource) === 'mysql'
      ? await dataSource.query(`SELECT DATE_FORMAT(NOW(3) - INTERVAL ? MICROSECOND, '%Y-%m-%d %H:%i:%s.%f') AS t`, [ms * 1000])
      : await dataSource.query(`SELECT strftime('%Y-%m-%d %H:%M:%f', 'now', ?) AS t`, [`-${ms / 1000} seconds`]);
  return rows[0].t;
}

export const DAY_MS = 24 * 3600 * 1000;

/** A time as the database stores it (UTC, milliseconds): comparable as text on SQLite. */
export function databaseTime(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 23);
}

/**
 * The database's clock, read once (epoch milliseconds), for a request that needs several times
 * relative to it: every window of one answer then ends at the same instant.
 */
export async function databaseNow(dataSource: DataSource): Promise<number> {
  return utcDate(await databaseTimeAgo(dataSource, 0)).getTime();
}

/** A time written without a zone (Zuul's end_time, a stored database time) read as UTC; one with a zone as it says. */
export function utcDate(text: string): Date {
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** `ms` before `now` (a databaseNow reading), as the database stores times. */
export function databaseTimeBefore(now: number, ms: number): string {
  return databaseTime(new Date(now - ms));
}

/** SQL for the database's clock plus `ms` (0: now), in the form the timestamp columns hold. */
export function databaseNowSql(dialect: Dialect, ms = 0): string {
  const whole = Math.round(ms);
  return dialect === 'mysql'
    ? `(NOW(3) + INTERVAL ${whole * 1000} MICROSECOND)`
    : `strftime('%Y-%m-%d %H:%M:%f', 'now', '${whole >= 0 ? '+' : ''}${whole / 1000} seconds')`;
}
