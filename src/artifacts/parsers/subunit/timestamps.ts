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

/** The days whose date isoDay made last, each in the slot of its day modulo their number. */
const CACHED_DAYS = 64;
const cachedDays = new Float64Array(CACHED_DAYS).fill(NaN);
const cachedDates = new Array<string>(CACHED_DAYS).fill('');

export const SECONDS_PER_DAY = 86_400;
export const ISO_SUFFIX = '+00:00';

/** `2016-06-28T` for a day since the epoch (UTC). */
export function isoDay(day: number): string {
  const slot = day & (CACHED_DAYS - 1);
  if (cachedDays[slot] !== day) {
    const iso = new Date(day * SECONDS_PER_DAY * 1000).toISOString();
    cachedDays[slot] = day;
    cachedDates[slot] = iso.slice(0, iso.indexOf('T') + 1);
  }
  return cachedDates[slot];
}

/**
 * ISO 8601 UTC with microseconds, e.g. `2016-06-28T13:56:08.099819+00:00` (StackViz's isoformat).
 * appendIsoJson (stackviz-json.ts) writes the same as bytes.
 */
export function isoFromMicros(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  const day = Math.floor(second / SECONDS_PER_DAY);
  const ofDay = second - day * SECONDS_PER_DAY;
  const time = `${twoDigits(Math.floor(ofDay / 3600))}:${twoDigits(Math.floor(ofDay / 60) % 60)}:${twoDigits(ofDay % 60)}`;
  return `${isoDay(day)}${time}.${String(micros - second * 1_000_000).padStart(6, '0')}${ISO_SUFFIX}`;
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
