/** A bench's command line: `--name=value` flags and `--quick` (shorter runs, for a smoke test). */

export const quick = process.argv.includes('--quick');

export function textFlag(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

/** A numeric flag; without it, `fallback` (or `quickFallback` under `--quick`). */
export function flag(name: string, fallback: number, quickFallback = fallback): number {
  const text = textFlag(name);
  return text === undefined ? (quick ? quickFallback : fallback) : Number(text);
}
