/** `1 task`, `3 tasks`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Decimal units as `du --si` prints them: 950 B, 4.2 kB, 4.2 MB, 1.3 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 30 minutes, 1 hour, 90 seconds: the largest unit the duration is a whole number of. */
export function describeDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return count(ms / 3_600_000, 'hour');
  if (ms % 60_000 === 0) return count(ms / 60_000, 'minute');
  if (ms % 1000 === 0) return count(ms / 1000, 'second');
  return `${ms} ms`;
}
