import { count } from '../../../src/common/human-units';

/** Artifact times are ISO 8601 UTC; StackViz's own exports sometimes omit the zone. */
export function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** "1h 52m 10s", "3m 12s", "4.25s", "12ms". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${m}m ${s}s` : `${m}m ${s}s`;
}

/** Clock time of an epoch-ms instant, UTC, with milliseconds: "02:39:10.123". */
export function formatClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago": how long before `now` an ISO instant was. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const s = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(s)) return '';
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  const d = Math.floor(s / 86400);
  return `${count(d, 'day')} ago`;
}
