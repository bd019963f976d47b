/** Axis and legend numbers for the strips: `1.2G`, `340.5M`, `12k`. */
export function compactBytes(v: number): string {
  return v >= 1 << 30
    ? `${(v / (1 << 30)).toFixed(1)}G`
    : v >= 1 << 20
      ? `${(v / (1 << 20)).toFixed(1)}M`
      : v >= 1024
        ? `${(v / 1024).toFixed(0)}k`
        : `${Math.round(v)}`;
}
