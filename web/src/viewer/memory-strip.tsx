import { useMemo, useRef } from 'preact/hooks';
import type { MemoryLowPoints } from '../data/types';
import { commandName, lowPointSeries } from '../logic/resources';
import { compactBytes } from './strip-units';
import { useTimeStrips, type StripSpec, type TimeStripProps } from './time-strips';

/**
 * devstack's memory tracker under the lanes: available memory at each new low (a step, since it
 * only ever fell), against the memory installed, with the largest process of that moment.
 */
export function MemoryStrip({ memory, ...strip }: { memory: MemoryLowPoints } & TimeStripProps) {
  const host = useRef<HTMLDivElement>(null);
  const strips = useMemo<StripSpec[]>(() => {
    const { xs, available, total } = lowPointSeries(memory.points);
    const legend = (v: number | null, idx: number | null) => {
      const top = idx == null ? undefined : memory.points[idx]?.top_processes[0];
      return v == null
        ? '—'
        : `${compactBytes(v)}${top ? ` (largest: ${commandName(top.command)} ${compactBytes(top.rss_kb * 1024)})` : ''}`;
    };
    return [
      {
        title: 'Memory low points',
        unit: compactBytes,
        xs,
        series: [{ label: 'available', colour: '#8250df', values: available, stepped: true, legend }],
        yRange: total ? [0, total] : undefined,
      },
    ];
  }, [memory]);
  useTimeStrips(host, strips, strip);
  return (
    <div
      class="dstat memory-strip"
      ref={host}
      aria-label="Memory low points logged by devstack's memory tracker, over the same time window"
    />
  );
}
