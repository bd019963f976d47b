/**
 * Which console lines say something went wrong: Ansible's `FAILED!`/`fatal:`/`ERROR`, a Python
 * traceback, a non-zero `rc` or exit code, Jenkins failing or stopping a build step. Upper-case
 * words only: PLAY RECAP's `failed: 0` and a command line mentioning "error" are not errors.
 */
const ERROR_LINE =
  /\bFAILED\b|\bERROR\b|\bfatal:|Traceback \(most recent call last\)|"rc": [1-9]|\brc[=:] ?[1-9]|exited with code [1-9]|non-zero (?:exit|return) (?:status|code)|marked build as failure|Build timed out \(after|Build was aborted/;

export function isErrorLine(line: string): boolean {
  return ERROR_LINE.test(line);
}

/** Indexes of a section's error lines, in order. */
export function errorLineIndexes(lines: readonly string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => isErrorLine(l) && out.push(i));
  return out;
}
