import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
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

/**
 * uPlot strips under the lanes, on the timeline's time axis: the y-axis takes exactly the lanes'
 * label gutter so plot areas line up, hovering one strip shows the same instant on all, and
 * selecting a range on a strip sets the timeline window.
 */
export function useTimeStrips(host: RefObject<HTMLDivElement>, strips: StripSpec[], width: number, w: TimeWindow, onWindow: (w: TimeWindow) => void): void {
  const plots = useRef<uPlot[]>([]);
  const onWindowRef = useRef(onWindow);
  onWindowRef.current = onWindow;

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
          { label: strip.title },
          ...strip.series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 1.25,
            ...(s.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }), points: { show: true, size: 6, fill: s.colour } } : {}),
            value: (_u: uPlot, v: number | null, _series: number, idx: number | null) => (s.legend ? s.legend(v, idx) : v == null ? '—' : strip.unit(v)),
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
    return () => plots.current.forEach((p) => p.destroy());
  }, [strips]);

  useEffect(() => {
    for (const p of plots.current) p.setSize({ width, height: STRIP_H });
  }, [width]);

  useEffect(() => {
    for (const p of plots.current) p.setScale('x', { min: w.from / 1000, max: w.to / 1000 });
  }, [w.from, w.to]);
}
