// Pure string code: also bundled into the web UI.
import { isoFromMicros } from '../subunit/timestamps';
import { ConsoleFormat, ConsoleLine, ConsoleScript, SectionKind, SectionStatus } from './console-log';
import { parseConsoleLine } from './console-line';
import {
  JENKINS_FINISHED,
  JENKINS_STEP,
  JENKINS_STEP_FAILED,
  jenkinsStepTitle,
  JenkinsStep,
  noteTracedCommand,
  POST_BUILD_SCRIPTS,
} from './jenkins-steps';

interface Draft {
  title: string;
  kind: SectionKind;
  /** Set for a Jenkins build step: its title is made from it when the step ends. */
  step: JenkinsStep | null;
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
  /** A Jenkins `$ command` line. */
  jenkinsStep?: boolean;
  /** Jenkins' `Finished: X`, with X. */
  finished?: string;
}

const PLAY = /^PLAY \[(.*)\]/;
const PLAY_RECAP = /^PLAY RECAP\b/;
const TASK = /^(?:TASK|LOOP|RUNNING HANDLER) \[(.*)\]/;
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
 *
 * Jenkins: a builder followed by another builder passed. One followed by post-build scripts, by
 * `Finished: X` or by the end of the log, whose own lines did not say, ended the build: it failed
 * when the build did. It is held, with the sections after it, until `Finished: X` (or, at the end,
 * the CI result) tells. Each step is titled by its place and the last command it traced.
 */
export class ConsoleSectionBuilder {
  /** The job's result as Jenkins' `Finished: X` line gives it. */
  finishedResult: string | null = null;
  private current: Draft;
  private play: { draft: Draft; tasks: Draft[] } | undefined;
  private readonly out: ConsoleScript[] = [];
  private postBuild = false;
  private readonly steps = { build: 0, post: 0 };
  /** A builder whose result is the build's, and the sections that closed after it. */
  private held: Draft[] | undefined;

  /** `jobResult`: the build's result as CI reported it, when known. */
  constructor(
    private readonly format: ConsoleFormat,
    private readonly jobResult: string | null = null,
  ) {
    this.current = draft({ title: 'Job start', kind: 'other' }, null);
  }

  pushLine(raw: string): ConsoleScript[] {
    const line = parseConsoleLine(raw, this.format);
    if (line) {
      const header = this.header(line.text);
      if (header) this.startSection(header, line.micros);
      const section = this.current;
      if (this.format === 'jenkins') this.noteJenkinsLine(section, line.text);
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
    this.settleHeld(this.jobResult || this.finishedResult);
    return this.out.splice(0);
  }

  private noteJenkinsLine(section: Draft, text: string): void {
    if (POST_BUILD_SCRIPTS.test(text)) this.postBuild = true;
    if (section.step) noteTracedCommand(section.step, text);
  }

  private header(text: string): Header | undefined {
    if (PLAY_RECAP.test(text)) return { title: 'PLAY RECAP', kind: 'other' };
    let m = PLAY.exec(text);
    if (m) return { title: m[1], kind: 'play' };
    m = TASK.exec(text);
    if (m) return { title: m[1], kind: 'task' };
    if (this.format !== 'jenkins') return undefined;
    m = JENKINS_STEP.exec(text);
    if (m) return { title: m[1], kind: 'task', jenkinsStep: true };
    m = JENKINS_FINISHED.exec(text);
    if (m) {
      this.finishedResult = m[1];
      return { title: `Finished: ${m[1]}`, kind: 'other', status: m[1] === 'SUCCESS' ? 'ok' : 'failed', finished: m[1] };
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
    if (previous.step && !previous.step.post && previous.status === null) {
      if (header.jenkinsStep && !this.postBuild) previous.status = 'ok';
      else this.held ??= [];
    }
    this.close(micros);
    if (header.kind !== 'task') this.closePlay(micros);
    if (header.finished) this.settleHeld(header.finished);
    this.current = draft(header, header.jenkinsStep ? this.nextStep(header.title) : null);
    if (header.kind === 'play') this.play = { draft: this.current, tasks: [] };
  }

  private nextStep(command: string): JenkinsStep {
    const post = this.postBuild;
    return { post, number: post ? ++this.steps.post : ++this.steps.build, command, lastTraced: null };
  }

  /** The held builder passed or failed with the build (`result`, unknown when null); it and what followed it are written. */
  private settleHeld(result: string | null): void {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    if (held.length > 0 && result !== null) held[0].status = result.toUpperCase() === 'SUCCESS' ? 'ok' : 'failed';
    this.out.push(...held.map(finalise));
  }

  private emit(...sections: Draft[]): void {
    if (this.held) this.held.push(...sections);
    else this.out.push(...sections.map(finalise));
  }

  /** Ends the current section at `endMicros` (the next section's start) or its last timestamp. */
  private close(endMicros: number | null): void {
    const section = this.current;
    section.endMicros = endMicros ?? section.lastMicros;
    if (section.lines.length === 0) return; // the "Job start" section of a log that opens with a header
    if (this.play && section !== this.play.draft && section.kind === 'task') this.play.tasks.push(section);
    else if (!this.play || section !== this.play.draft) this.emit(section);
  }

  private closePlay(endMicros: number | null): void {
    const play = this.play;
    if (!play) return;
    this.play = undefined;
    const last = play.tasks[play.tasks.length - 1] ?? play.draft;
    play.draft.endMicros = endMicros ?? last.endMicros ?? play.draft.lastMicros;
    for (const task of play.tasks) play.draft.status = worse(play.draft.status, task.status);
    this.emit(play.draft, ...play.tasks);
  }
}

function draft(header: Header, step: JenkinsStep | null): Draft {
  return {
    title: header.title,
    kind: header.kind,
    step,
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
    name: section.step ? jenkinsStepTitle(section.step) : section.title,
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
