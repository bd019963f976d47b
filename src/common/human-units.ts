// Pure string code (no Node imports): the web UI bundles it too.

/** `1 task`, `3 tasks`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const UNITS = {
  /** Decimal, as `du --si` prints sizes (stored bytes): 950 B, 4.2 kB, 4.2 MB, 1.3 GB. */
  si: { base: 1000, names: ['B', 'kB', 'MB', 'GB', 'TB'] },
  /** Binary, as memory is counted: 329.4 MiB, 1.2 GiB. */
  iec: { base: 1024, names: ['B', 'KiB', 'MiB', 'GiB', 'TiB'] },
};

export function formatBytes(bytes: number, units: keyof typeof UNITS = 'si'): string {
  const { base, names } = UNITS[units];
  let value = bytes;
  let unit = 0;
  while (value >= base && unit < names.length - 1) {
    value /= base;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${names[unit]}`;
}

/** 30 minutes, 1 hour, 90 seconds: the largest unit the duration is a whole number of. */
export function describeDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return count(ms / 3_600_000, 'hour');
  if (ms % 60_000 === 0) return count(ms / 60_000, 'minute');
  if (ms % 1000 === 0) return count(ms / 1000, 'second');
  return `${ms} ms`;
}
