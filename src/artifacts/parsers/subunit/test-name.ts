// StackViz's patterns; `[^\n]` stands for python's `.` (JS's `.` also stops at \r and U+2028).
const NAME_TAGS = /^([^\n]+)\[([^\n]+)\]$/;
const NAME_SCENARIO = /^([^\n]+) \(([^\n]+)\)$/;

/**
 * StackViz's display name: drops a trailing `[...]` (tempest's idempotent ids and tags), and turns
 * `setUpClass (pkg.Cls)` into `pkg.Cls.setUpClass`.
 */
export function cleanTestName(id: string): string {
  // both patterns end in a bracket: most ids are rejected without running them
  const last = id.charCodeAt(id.length - 1);
  if (last !== 0x5d /* ] */ && last !== 0x29 /* ) */) return id;
  const tagged = NAME_TAGS.exec(id);
  if (tagged) return tagged[1];
  const scenario = NAME_SCENARIO.exec(id);
  if (scenario) return `${scenario[2]}.${scenario[1]}`;
  return id;
}
