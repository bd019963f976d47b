import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Lane } from '../logic/lanes';
import { barExtent, clampWindow, timeAt, xOf, type TimeWindow } from '../logic/timeline-geometry';
import { statusColour } from './status';
import { GUTTER, OVERVIEW_H } from './timeline-layout';
import { prepareCanvas } from './use-width';

interface OverviewProps {
  lanes: Lane[];
  width: number;
  window: TimeWindow;
  bounds: TimeWindow;
  onWindow: (w: TimeWindow) => void;
}

type Drag = { mode: 'pan'; x: number; window: TimeWindow } | { mode: 'brush'; from: number };

/** The whole run in miniature with a brush: drag outside it to select a window, inside to pan. */
export function Overview({ lanes, width, window: w, bounds, onWindow }: OverviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<Drag | null>(null);
  const plotW = Math.max(10, width - GUTTER);

  // The run itself is drawn once per size into an offscreen canvas; moving the brush only blits it.
  const background = useMemo(() => {
    const off = document.createElement('canvas');
    const ctx = prepareCanvas(off, plotW, OVERVIEW_H);
    const rowH = Math.max(1, (OVERVIEW_H - 4) / Math.max(1, lanes.length));
    lanes.forEach((lane, i) => {
      for (const t of lane.tests) {
        const [x0, x1] = barExtent(t, bounds, plotW);
        ctx.fillStyle = statusColour(t.status);
        ctx.fillRect(x0, 2 + i * rowH, Math.max(1, x1 - x0), Math.max(1, rowH - 0.5));
      }
    });
    return off;
  }, [lanes, bounds, plotW]);

  useEffect(() => {
    const ctx = prepareCanvas(canvas.current!, width, OVERVIEW_H);
    ctx.clearRect(0, 0, width, OVERVIEW_H);
    ctx.fillStyle = '#57606a';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText('overview', 6, OVERVIEW_H / 2);
    ctx.drawImage(background, GUTTER, 0, plotW, OVERVIEW_H);
    const x0 = GUTTER + xOf(w.from, bounds, plotW);
    const x1 = GUTTER + xOf(w.to, bounds, plotW);
    ctx.fillStyle = 'rgba(255,255,255,0.6)';
    ctx.fillRect(GUTTER, 0, x0 - GUTTER, OVERVIEW_H);
    ctx.fillRect(x1, 0, width - x1, OVERVIEW_H);
    ctx.strokeStyle = '#0969da';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0, 0.75, Math.max(2, x1 - x0), OVERVIEW_H - 1.5);
  });

  const timeOf = (e: PointerEvent) => timeAt(Math.min(plotW, Math.max(0, e.offsetX - GUTTER)), bounds, plotW);

  return (
    <canvas
      ref={canvas}
      class="overview"
      aria-label="Run overview: drag to choose the time window; double-click shows the whole run"
      style={{ height: `${OVERVIEW_H}px` }}
      onPointerDown={(e) => {
        const t = timeOf(e);
        // Inside a narrowed window a drag moves it; anywhere else, and on the whole run (the first
        // view, where every point is "inside"), it brushes a new window.
        const whole = w.from <= bounds.from && w.to >= bounds.to;
        drag.current = !whole && t > w.from && t < w.to ? { mode: 'pan', x: e.offsetX, window: w } : { mode: 'brush', from: t };
        (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        if (d.mode === 'pan') {
          const dt = ((e.offsetX - d.x) / plotW) * (bounds.to - bounds.from);
          onWindow(clampWindow({ from: d.window.from + dt, to: d.window.to + dt }, bounds));
        } else {
          const t = timeOf(e);
          if (Math.abs(t - d.from) > 0) onWindow(clampWindow({ from: Math.min(t, d.from), to: Math.max(t, d.from) }, bounds));
        }
      }}
      onPointerUp={() => (drag.current = null)}
      onDblClick={() => onWindow(bounds)}
    />
  );
}
