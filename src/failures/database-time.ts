import { utcDate } from '../database/db-clock';

/** A time the failures tables hold (MySQL gives a Date, SQLite the text written) as ISO 8601 UTC. */
export function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : utcDate(value)).toISOString();
}
