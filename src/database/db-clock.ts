import { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

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
