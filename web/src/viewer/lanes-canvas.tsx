import { useEffect, useRef, useState } from 'preact/hooks';
import type { TestRecord } from '../data/types';
import type { Lane } from '../logic/lanes';
import { tickLabel, timeTicks } from '../logic/ticks';
import { barExtent, hitTest, panWindow, timeAt, zoomWindow, type TimeWindow } from '../logic/timeline-geometry';
import { formatDuration } from '../logic/time';
import { statusColour } from './status';
import { AXIS_H, GUTTER, LANE_H } from './timeline-layout';
import { prepareCanvas } from './use-width';

export interface LanesCanvasProps {
  lanes: Lane[];
  width: number;
  window: TimeWindow;
  bounds: TimeWindow;
  selected: TestRecord | null;
  matches: (t: TestRecord) => boolean;
  onWindow: (w: TimeWindow) => void;
  onSelect: (t: TestRecord | null) => void;
  onKey: (e: KeyboardEvent) => void;
}

const DRAG_PX = 4;
/** Performance mark set after the first timeline draw (read by bench/ui-render.ts). */
export const FIRST_DRAW_MARK = 'timeline-first-draw';

export function LanesCanvas(p: LanesCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ test: TestRecord; x: number; y: number } | null>(null);
  const drag = useRef<{ x: number; window: TimeWindow; moved: boolean } | null>(null);
  const height = AXIS_H + p.lanes.length * LANE_H + 4;
  const plotW = Math.max(10, p.width - GUTTER);
  const latest = useRef(p);
  latest.current = p;

  useEffect(() => {
    const ctx = prepareCanvas(canvas.current!, p.width, height);
    draw(ctx, p, plotW, height, hover?.test ?? null);
    if (performance.getEntriesByName(FIRST_DRAW_MARK).length === 0) performance.mark(FIRST_DRAW_MARK);
  });

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = canvas.current!;
    const onWheel = (e: WheelEvent) => {
      const { window: w, bounds, onWindow } = latest.current;
      const x = e.offsetX - GUTTER;
      if (x < 0) return;
      e.preventDefault();
      const plot = Math.max(10, latest.current.width - GUTTER);
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        onWindow(panWindow(w, ((e.deltaX || e.deltaY) / plot) * (w.to - w.from), bounds));
      } else {
        onWindow(zoomWindow(w, timeAt(x, w, plot), Math.exp(e.deltaY * 0.002), bounds));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const at = (e: PointerEvent) => {
    const x = e.offsetX - GUTTER;
    const lane = p.lanes[Math.floor((e.offsetY - AXIS_H) / LANE_H)];
    if (x < 0 || !lane) return null;
    return hitTest(lane.tests, x, p.window, plotW);
  };

  return (
    <div class="lanes-wrap">
      <canvas
        ref={canvas}
        class="lanes"
        tabIndex={0}
        role="application"
        aria-label="Test timeline: one lane per worker. Arrow keys move between tests, + and - zoom, Enter opens details."
        style={{ height: `${height}px` }}
        onKeyDown={p.onKey}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX, window: p.window, moved: false };
          (e.currentTarget as HTMLCanvasElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (d && (d.moved || Math.abs(e.clientX - d.x) > DRAG_PX)) {
            d.moved = true;
            const dt = ((d.x - e.clientX) / plotW) * (d.window.to - d.window.from);
            p.onWindow(panWindow(d.window, dt, p.bounds));
            setHover(null);
            return;
          }
          const t = at(e);
          setHover(t ? { test: t, x: e.offsetX, y: e.offsetY } : null);
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          if (d && !d.moved) p.onSelect(at(e));
        }}
        onPointerLeave={() => setHover(null)}
      />
      {hover && (
        <div class="tooltip" style={{ left: `${Math.min(hover.x + 12, p.width - 260)}px`, top: `${hover.y + 14}px` }}>
          <div class="tooltip-name">{hover.test.name}</div>
          <div>
            {hover.test.status} · {formatDuration(hover.test.duration)} · {hover.test.worker ?? 'no worker'}
          </div>
        </div>
      )}
    </div>
  );
}

function draw(ctx: CanvasRenderingContext2D, p: LanesCanvasProps, plotW: number, height: number, hover: TestRecord | null) {
  const { window: w } = p;
  ctx.clearRect(0, 0, p.width, height);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';

  const { step, ticks } = timeTicks(w, plotW);
  ctx.strokeStyle = '#e3e6ea';
  ctx.fillStyle = '#57606a';
  ctx.textAlign = 'center';
  for (const t of ticks) {
    const x = GUTTER + ((t - w.from) / (w.to - w.from)) * plotW;
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, AXIS_H - 4);
    ctx.lineTo(Math.round(x) + 0.5, height);
    ctx.stroke();
    if (x > GUTTER + 30 && x < p.width - 30) ctx.fillText(tickLabel(t, step), x, AXIS_H / 2);
  }

  ctx.textAlign = 'left';
  p.lanes.forEach((lane, i) => {
    const y = AXIS_H + i * LANE_H;
    if (i % 2 === 0) {
      ctx.fillStyle = 'rgba(0,0,0,0.025)';
      ctx.fillRect(GUTTER, y, plotW, LANE_H);
    }
    ctx.fillStyle = '#24292f';
    ctx.fillText(lane.label, 6, y + LANE_H / 2, GUTTER - 10);
  });

  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, AXIS_H, plotW, height - AXIS_H);
  ctx.clip();
  ctx.translate(GUTTER, 0);
  const pending: [TestRecord, number, number, number][] = [];
  p.lanes.forEach((lane, i) => {
    const y = AXIS_H + i * LANE_H + 2;
    for (const t of lane.tests) {
      if (t.end < w.from || t.start > w.to) continue;
      const [x0, x1] = barExtent(t, w, plotW);
      ctx.globalAlpha = p.matches(t) ? 1 : 0.15;
      ctx.fillStyle = statusColour(t.status);
      ctx.fillRect(x0, y, x1 - x0, LANE_H - 4);
      if (t === p.selected || t === hover) pending.push([t, x0, x1, y]);
    }
  });
  ctx.globalAlpha = 1;
  for (const [t, x0, x1, y] of pending) {
    ctx.lineWidth = t === p.selected ? 2.5 : 1.5;
    ctx.strokeStyle = t === p.selected ? '#111' : '#555';
    ctx.strokeRect(x0 - 1, y - 1, x1 - x0 + 2, LANE_H - 2);
  }
  ctx.restore();
}
