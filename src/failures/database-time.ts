/** A time the failures tables hold (MySQL gives a Date, SQLite the text written) as ISO 8601 UTC. */
export function isoTime(value: Date | string): string {
  if (value instanceof Date) return value.toISOString();
  const text = value.includes('T') ? value : value.replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`).toISOString();
}
