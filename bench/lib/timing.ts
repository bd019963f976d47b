/** The least of `runs` results of `measure` (a time: the run least disturbed by the machine's other work). */
export async function fastest(runs: number, measure: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, await measure());
  return best;
}

export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
