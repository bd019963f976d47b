import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATUS_COLOURS } from '../../../web/src/viewer/status';

/** WCAG 2 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('test status colours', () => {
  const css = readFileSync(join(__dirname, '../../../web/src/styles.css'), 'utf8');
  const vars = new Map([...css.matchAll(/--([a-z]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1], m[2].toLowerCase()]));
  const plain = /\.status \{[^}]*background: (#[0-9a-f]{6});/.exec(css)![1];
  /** The background of the `.st-<status>` badge (through its `var(--x)`), or a plain badge's. */
  const badge = (status: string) => {
    const value = new RegExp(`\\.st-${status} \\{\\s*background: ([^;]+);`).exec(css)?.[1] ?? plain;
    const v = /^var\(--([a-z]+)\)$/.exec(value);
    return (v ? vars.get(v[1])! : value).toLowerCase();
  };

  it.each(Object.entries(STATUS_COLOURS))(
    '%s: the badge has the canvas colour, and white text on it reads at 4.5:1 or more',
    (status, colour) => {
      expect(badge(status)).toBe(colour);
      expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    },
  );
});
