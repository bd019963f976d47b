// StackViz's patterns: `^([^\n]+)\[([^\n]+)\]$` for the tags (cleanTestName follows it without a
// regex), then this one; `[^\n]` stands for python's `.` (JS's `.` also stops at \r and U+2028).
const NAME_SCENARIO = /^([^\n]+) \(([^\n]+)\)$/;

/**
 * StackViz's display name: drops a trailing `[...]` (tempest's idempotent ids and tags), and turns
 * `setUpClass (pkg.Cls)` into `pkg.Cls.setUpClass`.
 */
export function cleanTestName(id: string): string {
  // both patterns end in a bracket: most ids are rejected without running them
  const last = id.charCodeAt(id.length - 1);
  if (last !== 0x5d /* ] */ && last !== 0x29 /* ) */) return id;
  if (last === 0x5d) {
    // the tags' pattern without a regex: its greedy first group ends at the last `[` that leaves a
    // character before the closing `]`, and neither group takes a newline
    const open = id.lastIndexOf('[', id.length - 3);
    if (open >= 1 && !id.includes('\n')) return id.slice(0, open);
  }
  const scenario = NAME_SCENARIO.exec(id);
  if (scenario) return `${scenario[2]}.${scenario[1]}`;
  return id;
}
