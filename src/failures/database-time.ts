/** A time written without a zone (Zuul's end_time, SQLite's stored text) read as UTC; one with a zone as it says. */
export function utcDate(text: string): Date {
  const iso = text.includes('T') ? text : text.replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** A time the failures tables hold (MySQL gives a Date, SQLite the text written) as ISO 8601 UTC. */
export function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : utcDate(value)).toISOString();
}
