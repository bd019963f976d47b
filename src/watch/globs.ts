import { escapeRegExp } from '../common/escape-reg-exp';

/** Whether a name matches one of the comma-list's patterns (`*`: any run of characters); no patterns: everything. */
export function globMatcher(patterns: readonly string[] | null): (name: string | null) => boolean {
  if (!patterns) return () => true;
  const regexes = patterns.map((p) => new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`));
  return (name) => name !== null && regexes.some((r) => r.test(name));
}
