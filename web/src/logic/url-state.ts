/**
 * The timeline's state in the query string, so a link reproduces the view:
 * `?test=<name>&from=<s>&to=<s>&q=<search>&status=fail,skip`. `from`/`to` are seconds from the
 * run's start, which keeps links short and readable.
 */
export interface TimelineState {
  test: string | null;
  /** Window in seconds from the run's start; null = the whole run. */
  from: number | null;
  to: number | null;
  q: string;
  /** Statuses shown; empty = all. */
  statuses: string[];
}

export const EMPTY_TIMELINE_STATE: TimelineState = { test: null, from: null, to: null, q: '', statuses: [] };

function num(v: string | null): number | null {
  if (v == null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function parseTimelineState(search: string): TimelineState {
  const p = new URLSearchParams(search);
  let from = num(p.get('from'));
  let to = num(p.get('to'));
  if (from != null && to != null && to <= from) [from, to] = [null, null];
  return {
    test: p.get('test') || null,
    from,
    to,
    q: p.get('q') ?? '',
    statuses: (p.get('status') ?? '').split(',').filter(Boolean),
  };
}

const round = (n: number) => String(Math.round(n * 1000) / 1000);

export function formatTimelineState(state: TimelineState): string {
  const p = new URLSearchParams();
  if (state.test) p.set('test', state.test);
  if (state.from != null && state.to != null) {
    p.set('from', round(state.from));
    p.set('to', round(state.to));
  }
  if (state.q) p.set('q', state.q);
  if (state.statuses.length) p.set('status', state.statuses.join(','));
  const s = p.toString();
  return s ? `?${s}` : '';
}
