import type { TimeWindow } from './timeline-geometry';

const STEPS_MS = [
  10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000, 7200000,
  10800000, 21600000,
];

/** Round-valued tick instants for a window, about `width / minSpacingPx` of them. */
export function timeTicks(w: TimeWindow, width: number, minSpacingPx = 90): { step: number; ticks: number[] } {
  const span = w.to - w.from;
  const wanted = span / Math.max(1, width / minSpacingPx);
  const step = STEPS_MS.find((s) => s >= wanted) ?? STEPS_MS[STEPS_MS.length - 1];
  const ticks: number[] = [];
  for (let t = Math.ceil(w.from / step) * step; t <= w.to; t += step) ticks.push(t);
  return { step, ticks };
}

/** A tick label in UTC: "02:46:35", or with milliseconds when the step is under a second. */
export function tickLabel(t: number, step: number): string {
  const iso = new Date(t).toISOString();
  return step < 1000 ? iso.slice(11, 23) : iso.slice(11, 19);
}
