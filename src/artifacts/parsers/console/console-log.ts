// Pure types and string code: also bundled into the web UI.

/**
 * The `console` artifact (JSON), in the shape StackViz's console views read
 * (`scripts[].name`, `scripts[].lines[].date` / `.line`, `status`, `remaining`), with our extras
 * beside StackViz's keys:
 *
 *   {"format": "zuul" | "jenkins",
 *    "scripts": [{"name": "Run devstack",          // PLAY/TASK/LOOP name, Jenkins build step command, ...
 *                 "lines": [{"date": "2024-02-13 23:39:24.123456", "line": "TASK [Run devstack]"}, ...],
 *                 "kind": "play" | "task" | "other",
 *                 "status": "ok" | "failed" | "changed" | null,        // when the log says
 *                 "start": "2024-02-13T23:39:24.123456+00:00" | null,  // first timestamped line
 *                 "end": ... | null,               // the next section's start, else the last timestamp
 *                 "duration": 12.5 | null,         // seconds
 *                 "first_error": 3 | null}],       // index in `lines` of the first error line of a failed section
 *    "status": "FAILURE" | ... | null,             // the job's result
 *    "remaining": null}
 *
 * StackViz shows each line as `date + ' | ' + line`: `date` is the timestamp as written and `line`
 * the text after `| ` (Zuul's as written, Jenkins' with HTML tags removed and entities decoded), so a
 * timestamped line reads exactly as in the log. A line without a timestamp has `date: null`.
 *
 * `status` is the job's result as CI reported it (SUCCESS, FAILURE, ...; StackViz colours
 * "success" and "failure" case-insensitively), else Jenkins' `Finished: X`, else null.
 * `remaining` is, for StackViz, the build steps the job defined but never started (its console
 * summary shows "scripts.length of scripts.length + remaining.length scripts completed"). Only
 * Jenkins Job Builder's job definitions could tell that, so it is always null: unknown, which
 * StackViz shows as no count at all rather than a wrong one.
 *
 * Sections follow the log's order: text before the first header is an "other" section named
 * "Job start"; a play comes before its tasks and its status sums theirs (failed > changed > ok).
 */
export type ConsoleFormat = 'zuul' | 'jenkins';
export type SectionKind = 'play' | 'task' | 'other';
export type SectionStatus = 'ok' | 'failed' | 'changed' | null;

export interface ConsoleLine {
  /** The line's timestamp as written (`2024-02-13 23:39:24.123456`), null when it has none. */
  date: string | null;
  line: string;
}

export interface ConsoleScript {
  name: string;
  lines: ConsoleLine[];
  kind: SectionKind;
  status: SectionStatus;
  start: string | null;
  end: string | null;
  duration: number | null;
  first_error: number | null;
}

export interface ConsoleLog {
  format: ConsoleFormat;
  scripts: ConsoleScript[];
  status: string | null;
  remaining: string[] | null;
}

/** How StackViz shows a line (its codemirror console joins them the same way). */
export function consoleLineText(line: ConsoleLine): string {
  return line.date === null ? line.line : `${line.date} | ${line.line}`;
}
