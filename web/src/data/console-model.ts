import { consoleLineText, type ConsoleLine } from '../../../src/artifacts/parsers/console/console-log';
import { errorLineIndexes } from '../logic/console-errors';

/**
 * The console as the viewer shows it, from the `console` artifact in StackViz's shape (`{scripts:
 * [{name, lines: [{date, line}], status, …}], status}`) or in the sections shape stored before it
 * (`{sections: [{title, lines: string[]}]}`), which tasks scraped earlier keep until they are
 * purged. Error lines are found here, in every section (console-errors.ts), for the viewer's
 * error navigation; the artifact's own `first_error` only marks failed sections.
 */
export interface ConsoleStep {
  title: string;
  kind: 'play' | 'task' | 'other';
  status: string | null;
  failing: boolean;
  duration: number | null;
  lines: string[];
  /** Indexes into `lines` of the error lines (console-errors.ts, and the artifact's `first_error`). */
  errors: number[];
  /** Where to open a failed step: the artifact's `first_error` (the parser's pick), else its first error line. */
  firstError: number | null;
}

export interface ConsoleModel {
  steps: ConsoleStep[];
  /** The job's result when the console says (Jenkins' `Finished: X`, or the CI result). */
  status: string | null;
}

type LineValue = string | ConsoleLine;
interface RawStep {
  title?: string;
  name?: string;
  kind?: ConsoleStep['kind'];
  status?: string | null;
  duration?: number | null;
  lines?: LineValue[];
  first_error?: number | null;
}

const lineText = (l: LineValue) => (typeof l === 'string' ? l : consoleLineText(l));
const FAILING = /fail|error|timed_out/i;

export function toConsoleModel(doc: { sections?: RawStep[]; scripts?: RawStep[]; status?: string | null }): ConsoleModel {
  const steps = (doc.scripts ?? doc.sections ?? []).map((s): ConsoleStep => {
    const lines = (s.lines ?? []).map(lineText);
    const errors = errorLineIndexes(lines);
    // a task's first error as the parser saw it; a play's or PLAY RECAP's only repeats its tasks', and Jenkins' `Finished: X` is its own
    const marked =
      s.kind === 'task' && typeof s.first_error === 'number' && s.first_error >= 0 && s.first_error < lines.length ? s.first_error : null;
    if (marked !== null && !errors.includes(marked)) errors.splice(sortedIndex(errors, marked), 0, marked);
    return {
      title: s.name ?? s.title ?? '',
      kind: s.kind ?? 'other',
      status: s.status ?? null,
      failing: FAILING.test(s.status ?? ''),
      duration: s.duration ?? null,
      lines,
      errors,
      firstError: marked ?? errors[0] ?? null,
    };
  });
  return { steps, status: doc.status ?? null };
}

function sortedIndex(sorted: readonly number[], value: number): number {
  const at = sorted.findIndex((v) => v > value);
  return at < 0 ? sorted.length : at;
}

/**
 * The step to look at first: the first failing task (a play or PLAY RECAP only sums its tasks), else
 * the first failing step, else null.
 */
export function firstFailingStep(model: ConsoleModel): number | null {
  const task = model.steps.findIndex((s) => s.failing && s.kind === 'task');
  if (task >= 0) return task;
  const any = model.steps.findIndex((s) => s.failing);
  return any >= 0 ? any : null;
}
