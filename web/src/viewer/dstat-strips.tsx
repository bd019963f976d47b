import { useMemo, useRef } from 'preact/hooks';
import type { DstatSeries } from '../data/types';
import { compactBytes } from './strip-units';
import { useTimeStrips, type StripSpec, type TimeStripProps } from './time-strips';

interface Strip {
  title: string;
  unit: (v: number) => string;
  series: { label: string; colour: string; values: (d: DstatSeries) => (number | null)[] }[];
}

const pct = (v: number) => `${Math.round(v)}%`;

const STRIPS: Strip[] = [
  {
    title: 'CPU',
    unit: pct,
    series: [
      { label: 'usr+sys', colour: '#0969da', values: (d) => d.cpuUsr.map((u, i) => (u == null ? null : u + (d.cpuSys[i] ?? 0))) },
      { label: 'wait', colour: '#d4670b', values: (d) => d.cpuWait },
    ],
  },
  { title: 'Memory', unit: compactBytes, series: [{ label: 'used', colour: '#8250df', values: (d) => d.memUsed }] },
  {
    title: 'Network',
    unit: compactBytes,
    series: [
      { label: 'recv', colour: '#1a7f37', values: (d) => d.netRecv },
      { label: 'send', colour: '#bf8700', values: (d) => d.netSend },
    ],
  },
  {
    title: 'Disk',
    unit: compactBytes,
    series: [
      { label: 'read', colour: '#0550ae', values: (d) => d.dskRead },
      { label: 'write', colour: '#cf222e', values: (d) => d.dskWrit },
    ],
  },
];

/** dstat's CPU, memory, network and disk strips under the lanes, on the same time axis. */
export function DstatStrips({ dstat, ...strip }: { dstat: DstatSeries } & TimeStripProps) {
  const host = useRef<HTMLDivElement>(null);
  const strips = useMemo<StripSpec[]>(() => {
    const xs = dstat.times.map((t) => t / 1000);
    return STRIPS.map((s) => ({
      title: s.title,
      unit: s.unit,
      xs,
      series: s.series.map((x) => ({ label: x.label, colour: x.colour, values: x.values(dstat) })),
    }));
  }, [dstat]);
  useTimeStrips(host, strips, strip);
  return <div class="dstat" ref={host} aria-label="dstat: CPU, memory, network and disk over the same time window" />;
}
