const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?$/i;

/**
 * Microseconds since the epoch of a JUnit `timestamp`: ISO 8601 with or without a fraction and a
 * zone. Without a zone (Ant, pytest before 8 write the host's local time that way) it is taken as
 * UTC, which CI nodes run in. Undefined when it is not such a time.
 */
export function junitTimestampMicros(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const millis = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number.isNaN(millis)) return undefined;
  const fraction = Number((m[7] ?? '').slice(0, 6).padEnd(6, '0'));
  return (millis - zoneOffsetMillis(m[8])) * 1000 + fraction;
}

function zoneOffsetMillis(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return (digits[0] === '-' ? -1 : 1) * minutes * 60_000;
}

/** Seconds in a JUnit `time` attribute (`0.123`, `1,234.5` from some writers); undefined when absent or not a number. */
export function junitSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text.replace(/,/g, '').trim());
  return text.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
