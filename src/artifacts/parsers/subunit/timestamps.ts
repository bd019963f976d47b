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

/** Date-and-time prefixes (`2016-06-28T13:56:08.`) of recent seconds: tests of one run share few. */
const prefixBySecond = new Map<number, string>();
const MAX_CACHED_SECONDS = 256;

/** ISO 8601 UTC with microseconds, e.g. `2016-06-28T13:56:08.099819+00:00` (StackViz's isoformat). */
export function isoFromMicros(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  let prefix = prefixBySecond.get(second);
  if (prefix === undefined) {
    if (prefixBySecond.size >= MAX_CACHED_SECONDS) prefixBySecond.clear();
    prefix = new Date(second * 1000).toISOString().slice(0, 20);
    prefixBySecond.set(second, prefix);
  }
  return `${prefix}${String(micros - second * 1_000_000).padStart(6, '0')}+00:00`;
}
