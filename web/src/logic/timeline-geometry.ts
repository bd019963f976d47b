import type { TestRecord } from '../data/types';

/** A time window in epoch milliseconds. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** Bars narrower than this are drawn (and hit) at this width, so zero-duration tests stay visible. */
export const MIN_BAR_PX = 2;
export const HIT_SLOP_PX = 3;
/** The narrowest window one may zoom into. */
export const MIN_WINDOW_MS = 50;

export function xOf(t: number, w: TimeWindow, width: number): number {
  return ((t - w.from) / (w.to - w.from)) * width;
}

export function timeAt(x: number, w: TimeWindow, width: number): number {
  return w.from + (x / width) * (w.to - w.from);
}

/** Keeps a window inside `bounds`, no narrower than MIN_WINDOW_MS, shifting rather than shrinking. */
export function clampWindow(w: TimeWindow, bounds: TimeWindow): TimeWindow {
  const full = bounds.to - bounds.from;
  let span = Math.min(Math.max(w.to - w.from, Math.min(MIN_WINDOW_MS, full)), full);
  let from = Math.max(bounds.from, Math.min(w.from, bounds.to - span));
  if (!Number.isFinite(from)) from = bounds.from;
  if (!(span > 0)) span = full;
  return { from, to: from + span };
}

/** Zooms by `factor` (<1 in, >1 out) keeping the instant `anchor` under the same pixel. */
export function zoomWindow(w: TimeWindow, anchor: number, factor: number, bounds: TimeWindow): TimeWindow {
  const from = anchor - (anchor - w.from) * factor;
  const to = anchor + (w.to - anchor) * factor;
  return clampWindow({ from, to }, bounds);
}

export function panWindow(w: TimeWindow, deltaMs: number, bounds: TimeWindow): TimeWindow {
  return clampWindow({ from: w.from + deltaMs, to: w.to + deltaMs }, bounds);
}

/** The whole run, padded by 1% each side so first and last bars are not glued to the edges. */
/** Whether two time windows share any instant. */
export function overlaps(a: TimeWindow, b: TimeWindow): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function runBounds(tests: readonly TestRecord[]): TimeWindow {
  if (tests.length === 0) return { from: 0, to: 1000 };
  let from = Infinity;
  let to = -Infinity;
  for (const t of tests) {
    if (t.start < from) from = t.start;
    if (t.end > to) to = t.end;
  }
  const pad = Math.max((to - from) * 0.01, 500);
  return { from: from - pad, to: to + pad };
}

/** The bar's pixel extent, widened to MIN_BAR_PX around its centre when too narrow. */
export function barExtent(t: TestRecord, w: TimeWindow, width: number): [number, number] {
  const x0 = xOf(t.start, w, width);
  const x1 = xOf(t.end, w, width);
  if (x1 - x0 >= MIN_BAR_PX) return [x0, x1];
  const mid = (x0 + x1) / 2;
  return [mid - MIN_BAR_PX / 2, mid + MIN_BAR_PX / 2];
}

/** The test under pixel `x` in a lane (closest within HIT_SLOP_PX), or null. */
export function hitTest(laneTests: readonly TestRecord[], x: number, w: TimeWindow, width: number): TestRecord | null {
  let best: TestRecord | null = null;
  let bestGap = HIT_SLOP_PX + 0.0001;
  for (const t of laneTests) {
    const [x0, x1] = barExtent(t, w, width);
    const gap = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
    if (gap < bestGap || (gap === 0 && bestGap === 0 && best && t.end - t.start < best.end - best.start)) {
      best = t;
      bestGap = gap;
    }
  }
  return best;
}

/** Search by name (case-insensitive substring) and status filter; empty filters match all. */
export function testMatches(t: TestRecord, q: string, statuses: readonly string[]): boolean {
  if (statuses.length && !statuses.includes(t.status)) return false;
  return q === '' || t.name.toLowerCase().includes(q.toLowerCase());
}

/** Moves the window so that `t` is visible, keeping its span when possible. */
export function windowShowing(w: TimeWindow, t: TestRecord, bounds: TimeWindow): TimeWindow {
  if (t.start >= w.from && t.end <= w.to) return w;
  const span = Math.max(w.to - w.from, (t.end - t.start) * 1.2);
  const mid = (t.start + t.end) / 2;
  return clampWindow({ from: mid - span / 2, to: mid + span / 2 }, bounds);
}
