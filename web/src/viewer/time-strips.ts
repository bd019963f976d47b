import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { tickLabel } from '../logic/ticks';
import type { TimeWindow } from '../logic/timeline-geometry';
import { GUTTER, STRIP_H } from './timeline-layout';

export interface StripSeries {
  label: string;
  colour: string;
  values: (number | null)[];
  /** Drawn as a step after each value (a running level), with its points marked. */
  stepped?: boolean;
  /** The legend's text for the value at data index `idx` (default: the strip's unit). */
  legend?: (value: number | null, idx: number | null) => string;
}

export interface StripSpec {
  title: string;
  unit: (v: number) => string;
  /** Epoch seconds of the values. */
  xs: number[];
  series: StripSeries[];
  /** A fixed y range, e.g. 0 to the memory installed, labelled at both ends. */
  yRange?: [number, number];
}

/** What every strip component takes from the timeline. */
export interface TimeStripProps {
  width: number;
  window: TimeWindow;
  onWindow: (w: TimeWindow) => void;
  /** Where the legends read their values when the pointer is elsewhere (the selected test); null: the window's end. */
  at: number | null;
}

/**
 * uPlot strips under the lanes, on the timeline's time axis: the y-axis takes exactly the lanes'
 * label gutter so plot areas line up, hovering one strip shows the same instant on all, and
 * selecting a range on a strip sets the timeline window. Each legend always shows values, at the
 * pointer while it is over a strip, else at `at`, its time in the lanes' axis format (UTC clock).
 */
export function useTimeStrips(
  host: RefObject<HTMLDivElement>,
  strips: StripSpec[],
  { width, window: w, onWindow, at }: TimeStripProps,
): void {
  const plots = useRef<uPlot[]>([]);
  const onWindowRef = useRef(onWindow);
  onWindowRef.current = onWindow;
  const hovering = useRef(false);
  const anchor = useRef(0);
  anchor.current = Math.min(w.to, Math.max(w.from, at ?? w.to));

  /**
   * Puts every strip's cursor (and so its legend) on the anchor instant, on the next frame: uPlot
   * commits a new scale in a microtask, and its own mouseleave hides the cursor first.
   */
  const showAnchor = () =>
    requestAnimationFrame(() => {
      if (hovering.current) return;
      for (const p of plots.current) {
        const left = p.valToPos(anchor.current / 1000, 'x');
        if (Number.isFinite(left)) p.setCursor({ left: Math.min(Math.max(left, 0), p.bbox.width / devicePixelRatio - 1), top: 1 }, false);
      }
    });

  useEffect(() => {
    plots.current = strips.map((strip) => {
      const opts: uPlot.Options = {
        width,
        height: STRIP_H,
        // Room above and below for the top and bottom y-axis labels.
        padding: [8, 0, 8, 0],
        legend: { show: true, live: true },
        cursor: { sync: { key: 'timeline-strips' }, drag: { x: true, y: false, setScale: false } },
        scales: { x: { time: true, min: w.from / 1000, max: w.to / 1000 }, ...(strip.yRange ? { y: { range: strip.yRange } } : {}) },
        axes: [
          { show: false },
          {
            size: GUTTER,
            values: (_u, vals) => vals.map(strip.unit),
            font: '10px system-ui, sans-serif',
            ticks: { show: false },
            gap: 4,
            // a strip is too short for uPlot to fit more than one label of its own choosing
            ...(strip.yRange ? { splits: () => strip.yRange! } : {}),
          },
        ],
        series: [
          { label: strip.title, value: (_u: uPlot, v: number | null) => (v == null ? '—' : tickLabel(v * 1000, 1000)) },
          ...strip.series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 1.25,
            ...(s.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }), points: { show: true, size: 6, fill: s.colour } } : {}),
            value: (_u: uPlot, v: number | null, _series: number, idx: number | null) =>
              s.legend ? s.legend(v, idx) : v == null ? '—' : strip.unit(v),
          })),
        ],
        hooks: {
          setSelect: [
            (u: uPlot) => {
              if (u.select.width < 4) return;
              const from = u.posToVal(u.select.left, 'x') * 1000;
              const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              onWindowRef.current({ from, to });
            },
          ],
        },
      };
      return new uPlot(opts, [strip.xs, ...strip.series.map((s) => s.values)], host.current!);
    });
    const el = host.current!;
    const enter = () => (hovering.current = true);
    const leave = () => {
      hovering.current = false;
      showAnchor();
    };
    el.addEventListener('mouseenter', enter);
    el.addEventListener('mouseleave', leave);
    showAnchor();
    return () => {
      el.removeEventListener('mouseenter', enter);
      el.removeEventListener('mouseleave', leave);
      plots.current.forEach((p) => p.destroy());
    };
  }, [strips]);

  useEffect(() => {
    for (const p of plots.current) p.setSize({ width, height: STRIP_H });
    showAnchor();
  }, [width]);

  useEffect(() => {
    for (const p of plots.current) p.setScale('x', { min: w.from / 1000, max: w.to / 1000 });
    showAnchor();
  }, [w.from, w.to, at]);
}
