import { SaxesParser, SaxesTagPlain } from 'saxes';
import { ArtifactFormatError } from '../produced-artifact';
import { FinishedTest } from '../subunit/stackviz-json';
import { junitSeconds, junitTimestampMicros } from './junit-timestamp';

/** A test case of the report, with its texts by StackViz detail key. */
export interface JUnitTest extends FinishedTest {
  details: Record<string, string>;
}

/**
 * Characters kept of one test's text (a failure, its captured output); the rest is dropped with a
 * note, so runaway `<system-out>`s do not pile up in the artifacts. (saxes itself holds the text
 * node it is reading until its end tag, so one huge node still costs its size once while read;
 * MAX_ARTIFACT_BYTES caps that.)
 */
export const MAX_TEXT_CHARS = 16 * 1024 * 1024;

/** Children of `<testcase>` whose text becomes a detail, and the StackViz key it goes under. */
const DETAIL_KEYS = new Map([
  ['failure', 'traceback'],
  ['error', 'traceback'],
  ['skipped', 'reason'],
  ['system-out', 'stdout'],
  ['system-err', 'stderr'],
]);

interface OpenSuite {
  /** When the suite's first test started (its `timestamp`, else where the enclosing suite was). */
  baseMicros: number | undefined;
  /** Seconds of the tests (and inner suites) read so far: where the next test starts. */
  elapsed: number;
}

interface OpenCase {
  id: string;
  startMicros: number | undefined;
  seconds: number | undefined;
  failed: boolean;
  skipped: boolean;
  texts: Record<string, string[]>;
}

interface Capture {
  key: string;
  parts: string[];
  chars: number;
  /** Characters beyond MAX_TEXT_CHARS, dropped. */
  dropped: number;
  /** Used when the element has no text (`<failure message="..."/>`). */
  fallback: string;
}

/**
 * Reads a JUnit XML report (`<testsuites>` or a bare `<testsuite>`) as it streams in, with saxes,
 * and hands out each `<testcase>` once it closes; only the current test case is held.
 *
 * - Test id: `classname.name` (just `name` without a classname), as subunit2junitxml split it.
 * - Status: `<failure>` or `<error>` → fail, else `<skipped>` → skip, else success.
 * - Times: the case's `timestamp`, else its suite's plus the `time` of the cases before it; the
 *   end is the start plus `time`. A report without any timestamp (subunit2junitxml writes none)
 *   gives tests a duration but no times.
 * - Details: failure and error texts → `traceback` (their `type: message` when the element is
 *   empty), the skip message → `reason`, `<system-out>` → `stdout`, `<system-err>` → `stderr`.
 * Throws ArtifactFormatError, naming the line and column, when the XML is not well-formed or
 * not a JUnit report.
 */
export class JUnitReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly suites: OpenSuite[] = [];
  private current: OpenCase | undefined;
  private capture: Capture | undefined;
  private sawRoot = false;
  private readonly done: JUnitTest[] = [];
  truncatedTexts = 0;

  constructor(private readonly fileName: string) {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag));
    this.parser.on('text', (text) => this.keep(text));
    this.parser.on('cdata', (text) => this.keep(text));
    this.parser.on('error', (err) => {
      const where = /^(\d+):(\d+): ([\s\S]*)$/.exec(err.message);
      const what = where ? `line ${where[1]}, column ${where[2]}: ${where[3]}` : err.message;
      throw new ArtifactFormatError(
        `${this.fileName} is not well-formed XML (${what}); a JUnit report that was cut off or mixed with other output cannot be read`,
      );
    });
  }

  /** Feeds decoded text; returns the test cases that closed in it. */
  push(text: string): JUnitTest[] {
    this.parser.write(text);
    return this.done.splice(0);
  }

  end(): JUnitTest[] {
    if (!this.sawRoot) throw new ArtifactFormatError(`${this.fileName} is empty: it holds no XML element, so no JUnit report`);
    this.parser.close();
    return this.done.splice(0);
  }

  private open(tag: SaxesTagPlain): void {
    if (!this.sawRoot) {
      this.sawRoot = true;
      if (tag.name !== 'testsuites' && tag.name !== 'testsuite') {
        throw new ArtifactFormatError(
          `${this.fileName} is XML but not a JUnit report: its root element is <${tag.name}>, not <testsuites> or <testsuite>`,
        );
      }
    }
    const attrs = tag.attributes;
    if (tag.name === 'testsuite') {
      const outer = this.suites[this.suites.length - 1];
      const own = attrs.timestamp === undefined ? undefined : junitTimestampMicros(attrs.timestamp);
      this.suites.push({ baseMicros: own ?? cursor(outer), elapsed: 0 });
    } else if (tag.name === 'testcase' && !this.current) {
      const classname = attrs.classname ?? '';
      const name = attrs.name ?? '';
      const own = attrs.timestamp === undefined ? undefined : junitTimestampMicros(attrs.timestamp);
      this.current = {
        id: classname && name ? `${classname}.${name}` : classname || name,
        startMicros: own ?? cursor(this.suites[this.suites.length - 1]),
        seconds: junitSeconds(attrs.time),
        failed: false,
        skipped: false,
        texts: {},
      };
    } else if (this.current && !this.capture && DETAIL_KEYS.has(tag.name)) {
      if (tag.name === 'failure' || tag.name === 'error') this.current.failed = true;
      if (tag.name === 'skipped') this.current.skipped = true;
      const fallback = [attrs.type, attrs.message].filter(Boolean).join(': ');
      // a skip's message is its reason; pytest's element text adds the file and line before it
      if (tag.name === 'skipped' && attrs.message) this.current.texts.reason = [attrs.message];
      else this.capture = { key: DETAIL_KEYS.get(tag.name)!, parts: [], chars: 0, dropped: 0, fallback };
    }
  }

  private close(tag: SaxesTagPlain): void {
    const current = this.current;
    if (this.capture && current && DETAIL_KEYS.has(tag.name)) {
      const { parts, dropped, fallback } = this.capture;
      let text = parts.join('');
      if (dropped > 0) {
        this.truncatedTexts++;
        text += `\n[${dropped} more characters not kept]`;
      }
      const kept = text.trim() === '' ? fallback : text;
      if (kept !== '') (current.texts[this.capture.key] ??= []).push(kept);
      this.capture = undefined;
    } else if (tag.name === 'testcase' && current) {
      this.current = undefined;
      const suite = this.suites[this.suites.length - 1];
      if (suite) suite.elapsed += current.seconds ?? 0;
      this.done.push(this.finished(current));
    } else if (tag.name === 'testsuite') {
      const suite = this.suites.pop()!;
      const outer = this.suites[this.suites.length - 1];
      if (outer) outer.elapsed += suite.elapsed;
    }
  }

  private finished(c: OpenCase): JUnitTest {
    const details: Record<string, string> = {};
    for (const [key, texts] of Object.entries(c.texts)) details[key] = texts.join('\n');
    const end = c.startMicros === undefined ? undefined : c.startMicros + Math.round((c.seconds ?? 0) * 1e6);
    return {
      id: c.id,
      status: c.failed ? 'fail' : c.skipped ? 'skip' : 'success',
      tags: [],
      startMicros: c.startMicros,
      endMicros: end,
      duration: c.seconds,
      details,
    };
  }

  private keep(text: string): void {
    const capture = this.capture;
    if (!capture) return;
    const room = MAX_TEXT_CHARS - capture.chars;
    if (text.length > room) {
      capture.dropped += text.length - Math.max(room, 0);
      text = text.slice(0, Math.max(room, 0));
    }
    capture.parts.push(text);
    capture.chars += text.length;
  }
}

function cursor(suite: OpenSuite | undefined): number | undefined {
  return suite?.baseMicros === undefined ? undefined : suite.baseMicros + Math.round(suite.elapsed * 1e6);
}
