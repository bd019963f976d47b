/**
 * python-subunit builds `timedelta(seconds=s, microseconds=ns / 1000)`, which rounds the
 * microseconds half to even; doing the same keeps our times equal to the reference.
 */
export function subunitTimestampMicros(seconds: number, nanoseconds: number): number {
  let micros = Math.floor(nanoseconds / 1000);
  const rest = nanoseconds - micros * 1000;
  if (rest > 500 || (rest === 500 && micros % 2 === 1)) micros += 1;
  return seconds * 1_000_000 + micros;
}

/** ISO 8601 UTC with microseconds, e.g. `2016-06-28T13:56:08.099819+00:00` (StackViz's isoformat). */
export function isoFromMicros(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const sub = micros - millis * 1000;
  const iso = new Date(millis).toISOString(); // 2016-06-28T13:56:08.099Z
  return `${iso.slice(0, 23)}${String(sub).padStart(3, '0')}+00:00`;
}
