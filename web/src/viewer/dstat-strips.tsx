import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DstatSeries } from '../data/types';
import { tickLabel } from '../logic/ticks';
import type { TimeWindow } from '../logic/timeline-geometry';
import { GUTTER, STRIP_H } from './timeline-layout';

interface Strip {
  title: string;
  unit: (v: number) => string;
  series: { label: string; colour: string; values: (d: DstatSeries) => (number | null)[] }[];
}

const pct = (v: number) => `${Math.round(v)}%`;
const bytes = (v: number) =>
  v >= 1 << 30 ? `${(v / (1 << 30)).toFixed(1)}G` : v >= 1 << 20 ? `${(v / (1 << 20)).toFixed(1)}M` : v >= 1024 ? `${(v / 1024).toFixed(0)}k` : `${Math.round(v)}`;

const STRIPS: Strip[] = [
  {
    title: 'CPU',
    unit: pct,
    series: [
      { label: 'usr+sys', colour: '#0969da', values: (d) => d.cpuUsr.map((u, i) => (u == null ? null : u + (d.cpuSys[i] ?? 0))) },
      { label: 'wait', colour: '#d4670b', values: (d) => d.cpuWait },
    ],
  },
  { title: 'Memory', unit: bytes, series: [{ label: 'used', colour: '#8250df', values: (d) => d.memUsed }] },
  {
    title: 'Network',
    unit: bytes,
    series: [
      { label: 'recv', colour: '#1a7f37', values: (d) => d.netRecv },
      { label: 'send', colour: '#bf8700', values: (d) => d.netSend },
    ],
  },
  {
    title: 'Disk',
    unit: bytes,
    series: [
      { label: 'read', colour: '#0550ae', values: (d) => d.dskRead },
      { label: 'write', colour: '#cf222e', values: (d) => d.dskWrit },
    ],
  },
];

interface DstatStripsProps {
  dstat: DstatSeries;
  width: number;
  window: TimeWindow;
  onWindow: (w: TimeWindow) => void;
  /** Where the legends read their values when the pointer is elsewhere (the selected test); null: the window's end. */
  at: number | null;
}

/**
 * dstat strips under the lanes, on the same time axis: the y-axis takes exactly the lanes' label
 * gutter so plot areas line up. Selecting a range on a strip sets the timeline window. Each strip's
 * legend always shows values: at the pointer while it is over a strip, else at `at`.
 */
export function DstatStrips({ dstat, width, window: w, onWindow, at }: DstatStripsProps) {
  const host = useRef<HTMLDivElement>(null);
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
    const xs = dstat.times.map((t) => t / 1000);
    plots.current = STRIPS.map((strip) => {
      const opts: uPlot.Options = {
        width,
        height: STRIP_H,
        // Room above and below for the top and bottom y-axis labels.
        padding: [8, 0, 8, 0],
        legend: { show: true, live: true },
        cursor: { sync: { key: 'dstat' }, drag: { x: true, y: false, setScale: false } },
        scales: { x: { time: true, min: w.from / 1000, max: w.to / 1000 } },
        axes: [
          { show: false },
          { size: GUTTER, values: (_u, vals) => vals.map(strip.unit), font: '10px system-ui, sans-serif', ticks: { show: false }, gap: 4 },
        ],
        series: [
          // The legend's time reads like the lanes' axis: UTC clock time.
          { label: strip.title, value: (_u: uPlot, v: number | null) => (v == null ? '—' : tickLabel(v * 1000, 1000)) },
          ...strip.series.map((s) => ({ label: s.label, stroke: s.colour, width: 1.25, value: (_u: uPlot, v: number | null) => (v == null ? '—' : strip.unit(v)) })),
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
      return new uPlot(opts, [xs, ...strip.series.map((s) => s.values(dstat))], host.current!);
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
  }, [dstat]);

  useEffect(() => {
    for (const p of plots.current) p.setSize({ width, height: STRIP_H });
    showAnchor();
  }, [width]);

  useEffect(() => {
    for (const p of plots.current) p.setScale('x', { min: w.from / 1000, max: w.to / 1000 });
    showAnchor();
  }, [w.from, w.to, at]);

  return <div class="dstat" ref={host} aria-label="dstat: CPU, memory, network and disk over the same time window" />;
}
