import { writeFileSync } from 'node:fs';
import { textFlag } from './args';
import type { LoadResult } from './load';

/** One line of the benchmark table: what was measured, on both sides, and the goal. */
export interface BenchRow {
  figure: string;
  /** Our side, as printed (e.g. "4,830 req/s, p99 23 ms"). */
  ours: string;
  /** The reference measured in the same run, as printed; empty when the goal is absolute. */
  reference: string;
  /** ours / reference (or reference time / our time), when the figure is a ratio. */
  ratio: number | null;
  goal: string;
  /** null when the figure is only reported. */
  met: boolean | null;
}

function describeLoad(r: LoadResult): string {
  return `${Math.round(r.rps).toLocaleString('en')} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ''}`;
}

/** Throughput ours / reference, with `goal` the least ratio wanted (null: only reported, failed by errors). */
export function ratioRow(figure: string, ours: LoadResult, reference: LoadResult, goal: number | null): BenchRow {
  const ratio = ours.rps / reference.rps;
  return {
    figure,
    ours: describeLoad(ours),
    reference: describeLoad(reference),
    ratio,
    goal: goal === null ? 'reported' : `≥ ${goal}×`,
    met: goal === null ? (ours.errors === 0 ? null : false) : ratio >= goal && ours.errors === 0,
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** The table, as Markdown (bench/README.md keeps a copy). */
export function printRows(rows: BenchRow[]): void {
  console.log('| figure | ours | reference (same run) | ratio | goal | met |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const met = r.met === null ? '' : r.met ? 'yes' : 'no';
    console.log(`| ${r.figure} | ${r.ours} | ${r.reference} | ${r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`} | ${r.goal} | ${met} |`);
  }
}

/**
 * A bench run as a program: prints its rows, and with `--rows-json=FILE` also writes them there
 * (bench/run-all.ts collects them so); a crash exits 1.
 */
export function runBench(bench: () => Promise<BenchRow[]>): void {
  bench().then(
    (rows) => {
      const out = textFlag('rows-json');
      if (out) writeFileSync(out, JSON.stringify(rows));
      printRows(rows);
    },
    (err: Error) => {
      console.error(err.stack ?? err);
      process.exit(1);
    },
  );
}

export interface GrowthPoint {
  /** What was measured at this size, e.g. "25 MB, 35,200 tests". */
  label: string;
  ms: number;
  /** The size in the unit the cost is counted per (MB, entries). */
  units: number;
}

/**
 * One row per size of how `what`'s time grows: the time per `unit` at each size against the median
 * time per unit across the sizes. Linear growth keeps every size within ±30% of it.
 */
export function growthRows(what: string, points: GrowthPoint[], unit: string): BenchRow[] {
  const perUnit = points.map((p) => p.ms / p.units);
  const middle = [...perUnit].sort((a, b) => a - b)[Math.floor(perUnit.length / 2)];
  const per = (ms: number) => (ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
  return points.map((p, i) => ({
    figure: `${what}: ${p.label}, time per ${unit} vs the median across sizes`,
    ours: `${seconds(p.ms)}, ${per(perUnit[i])} per ${unit}`,
    reference: `median ${per(middle)} per ${unit}`,
    ratio: perUnit[i] / middle,
    goal: 'within ±30%',
    met: Math.abs(perUnit[i] / middle - 1) <= 0.3,
  }));
}
