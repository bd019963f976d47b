// Pure string code: also bundled into the web UI.
import { isoFromMicros } from '../subunit/timestamps';
import { ConsoleFormat, ConsoleLine, ConsoleScript, SectionKind, SectionStatus } from './console-log';
import { parseConsoleLine } from './console-line';

interface Draft {
  title: string;
  kind: SectionKind;
  startMicros: number | null;
  lastMicros: number | null;
  endMicros: number | null;
  status: SectionStatus;
  lines: ConsoleLine[];
  /** Index in `lines` of the first line that reports an error. */
  firstError: number | null;
}

interface Header {
  title: string;
  kind: SectionKind;
  status?: SectionStatus;
}

const PLAY = /^PLAY \[(.*)\]/;
const PLAY_RECAP = /^PLAY RECAP\b/;
const TASK = /^(?:TASK|LOOP|RUNNING HANDLER) \[(.*)\]/;
const JENKINS_STEP = /^\[[^\]]+\] \$ (.+)$/;
const JENKINS_FINISHED = /^Finished: (\w+)/;
const JENKINS_STEP_FAILED = /^Build step '.*' marked build as failure/;
// Zuul's `host | ok` and Ansible's `ok: [host]`
const RESULT =
  /^(?:[^\s|]+ \| (ok|changed|ERROR|FAILED|failed|fatal|skipping|unreachable)\b|(ok|changed|fatal|failed|skipping|unreachable): \[)/;
const RECAP_FAILURE = /\b(?:failed|unreachable)[:=]\s*[1-9]/;
/**
 * Error lines besides failed results: a Python traceback, a test runner's `... FAILED` test, an
 * ERROR or CRITICAL log line (Zuul prefixes command output with `host | `).
 */
const ERROR_LINE = /Traceback \(most recent call last\)|\.\.\. FAILED$|^(?:[^\s|]+ \| )?(?:ERROR|CRITICAL)\b/;

const RANK: Record<Exclude<SectionStatus, null>, number> = { ok: 1, changed: 2, failed: 3 };

/** The worse of two statuses: failed > changed > ok > null. */
function worse(a: SectionStatus, b: SectionStatus): SectionStatus {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

function resultStatus(word: string): SectionStatus {
  switch (word) {
    case 'ok':
    case 'skipping':
      return 'ok';
    case 'changed':
      return 'changed';
    default:
      return 'failed';
  }
}

/**
 * Splits a console log into sections one line at a time, returning sections as they complete,
 * so a long log never has to be held whole. A play is returned with its tasks once it ends.
 */
export class ConsoleSectionBuilder {
  /** The job's result as Jenkins' `Finished: X` line gives it. */
  finishedResult: string | null = null;
  private current: Draft;
  private play: { draft: Draft; tasks: Draft[] } | undefined;
  private readonly out: ConsoleScript[] = [];

  constructor(private readonly format: ConsoleFormat) {
    this.current = draft({ title: 'Job start', kind: 'other' });
  }

  pushLine(raw: string): ConsoleScript[] {
    const line = parseConsoleLine(raw, this.format);
    if (line) {
      const header = this.header(line.text);
      if (header) this.startSection(header, line.micros);
      const section = this.current;
      if (line.micros !== null) {
        section.startMicros ??= line.micros;
        section.lastMicros = line.micros;
      }
      section.lines.push({ date: line.date, line: line.text });
      const failed = this.noteStatus(section, line.text) || header?.status === 'failed';
      if (section.firstError === null && (failed || ERROR_LINE.test(line.text))) section.firstError = section.lines.length - 1;
    }
    return this.out.splice(0);
  }

  finish(): ConsoleScript[] {
    this.close(null);
    this.closePlay(null);
    return this.out.splice(0);
  }

  private header(text: string): Header | undefined {
    if (PLAY_RECAP.test(text)) return { title: 'PLAY RECAP', kind: 'other' };
    let m = PLAY.exec(text);
    if (m) return { title: m[1], kind: 'play' };
    m = TASK.exec(text);
    if (m) return { title: m[1], kind: 'task' };
    if (this.format !== 'jenkins') return undefined;
    m = JENKINS_STEP.exec(text);
    if (m) return { title: m[1], kind: 'task' };
    m = JENKINS_FINISHED.exec(text);
    if (m) {
      this.finishedResult = m[1];
      return { title: `Finished: ${m[1]}`, kind: 'other', status: m[1] === 'SUCCESS' ? 'ok' : 'failed' };
    }
    return undefined;
  }

  /** Updates the section's status from a line; true when the line reports a failure. */
  private noteStatus(section: Draft, text: string): boolean {
    let status: SectionStatus = null;
    if (section.title === 'PLAY RECAP') {
      if (/\b(?:ok|failed)[:=]/.test(text)) status = RECAP_FAILURE.test(text) ? 'failed' : 'ok';
    } else {
      const result = RESULT.exec(text);
      if (result) status = resultStatus(result[1] ?? result[2]);
      else if (JENKINS_STEP_FAILED.test(text)) status = 'failed';
    }
    section.status = worse(section.status, status);
    return status === 'failed';
  }

  private startSection(header: Header, micros: number | null): void {
    const previous = this.current;
    // A Jenkins build step that was followed by another one, or by a successful finish, passed.
    if (
      this.format === 'jenkins' &&
      previous.kind === 'task' &&
      previous.status === null &&
      (header.kind === 'task' || header.status === 'ok')
    ) {
      previous.status = 'ok';
    }
    this.close(micros);
    if (header.kind !== 'task') this.closePlay(micros);
    this.current = draft(header);
    if (header.kind === 'play') this.play = { draft: this.current, tasks: [] };
  }

  /** Ends the current section at `endMicros` (the next section's start) or its last timestamp. */
  private close(endMicros: number | null): void {
    const section = this.current;
    section.endMicros = endMicros ?? section.lastMicros;
    if (section.lines.length === 0) return; // the "Job start" section of a log that opens with a header
    if (this.play && section !== this.play.draft && section.kind === 'task') this.play.tasks.push(section);
    else if (!this.play || section !== this.play.draft) this.out.push(finalise(section));
  }

  private closePlay(endMicros: number | null): void {
    const play = this.play;
    if (!play) return;
    this.play = undefined;
    const last = play.tasks[play.tasks.length - 1] ?? play.draft;
    play.draft.endMicros = endMicros ?? last.endMicros ?? play.draft.lastMicros;
    for (const task of play.tasks) play.draft.status = worse(play.draft.status, task.status);
    this.out.push(finalise(play.draft), ...play.tasks.map(finalise));
  }
}

function draft(header: Header): Draft {
  return {
    title: header.title,
    kind: header.kind,
    startMicros: null,
    lastMicros: null,
    endMicros: null,
    status: header.status ?? null,
    lines: [],
    firstError: null,
  };
}

function finalise(section: Draft): ConsoleScript {
  const start = section.startMicros;
  const end = section.endMicros ?? section.lastMicros;
  return {
    name: section.title,
    lines: section.lines,
    kind: section.kind,
    status: section.status,
    start: start === null ? null : isoFromMicros(start),
    end: end === null ? null : isoFromMicros(end),
    duration: start === null || end === null ? null : (end - start) / 1e6,
    // an error line in a section that did not fail (a logged ERROR that was survived) is no lead
    first_error: section.status === 'failed' ? section.firstError : null,
  };
}
