// Pure types: also bundled into the web UI.

/**
 * The `console` artifact (JSON):
 *
 *   {"format": "zuul" | "jenkins",
 *    "sections": [{"title": "Run devstack",       // PLAY/TASK name, Jenkins build step command, ...
 *                  "kind": "play" | "task" | "other",
 *                  "start": "2024-02-13T23:39:24.123456+00:00" | null,   // first timestamped line
 *                  "end": ... | null,             // the next section's start, else the last timestamp
 *                  "duration": 12.5 | null,       // seconds
 *                  "status": "ok" | "failed" | "changed" | null,         // when the log says
 *                  "lines": ["2024-02-13 23:39:24.123456 | TASK [Run devstack]", ...]}]}
 *
 * Sections follow the log's order: text before the first header is an "other" section titled
 * "Job start"; a play comes before its tasks and its status sums theirs (failed > changed > ok).
 * Lines are kept as displayed: Zuul's as written, Jenkins' with HTML tags removed and entities decoded.
 */
export type ConsoleFormat = 'zuul' | 'jenkins';
export type SectionKind = 'play' | 'task' | 'other';
export type SectionStatus = 'ok' | 'failed' | 'changed' | null;

export interface ConsoleSection {
  title: string;
  kind: SectionKind;
  start: string | null;
  end: string | null;
  duration: number | null;
  status: SectionStatus;
  lines: string[];
}

export interface ConsoleLog {
  format: ConsoleFormat;
  sections: ConsoleSection[];
}
