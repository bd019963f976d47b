import type { ConsoleLog } from '../artifacts/parsers/console/console-log';
import { boundedLine } from '../failure-cause/signature/failure-signature';
import { maskLine } from '../failure-cause/signature';

/**
 * The signature of a job that failed outside its tests, from its `console` artifact:
 * `<console step name>: <masked first error line>` for the first step that failed with an error
 * line; without one, the last step the log reached and the job's result (`Run devstack: TIMED_OUT`),
 * so a job cut off mid-step still groups with its kind. Null when the console names no step.
 */
export function jobFailureSignature(console: ConsoleLog, result: string): string | null {
  const failed = console.scripts.find((s) => s.status === 'failed' && s.first_error !== null && s.lines[s.first_error]);
  if (failed) return boundedLine(`${maskLine(failed.name)}: ${maskLine(failed.lines[failed.first_error!].line)}`);
  const last = console.scripts.at(-1);
  return last ? boundedLine(`${maskLine(last.name)}: ${result}`) : null;
}
