import type { StackVizFailure, StackVizSkip, StackVizStats } from '../../../api-shapes';
import { ownString } from '../../../common/own-string';
import { failureCauseOf } from '../../../failure-cause/failure-cause';
import { attachmentText, detailKey } from './attachment-text';
import { jsonString } from './json-string';
import { TestRecord } from './stream-to-tests';
import { cleanTestName } from './test-name';
import { isoFromMicros } from './timestamps';

/** What the three artifacts need of a finished test, whichever report it came from (subunit, JUnit). */
export interface FinishedTest {
  /** The raw test id (subunit's; `classname.name` for JUnit). */
  id: string;
  status: string;
  tags: string[];
  startMicros: number | undefined;
  endMicros: number | undefined;
  /** Seconds, when the report gives them (JUnit's `time`); else end − start. */
  duration?: number;
}

/** A finished test with what more than one artifact shows of it. */
export interface NamedTest {
  record: FinishedTest;
  /** StackViz's cleaned name, and its JSON. */
  name: string;
  nameJson: string;
  /** Seconds; null when the stream gave the test no timestamp. */
  duration: number | null;
}

export function namedTest(record: FinishedTest): NamedTest {
  const { startMicros, endMicros } = record;
  const name = cleanTestName(record.id);
  return {
    record,
    name,
    nameJson: jsonString(name),
    duration: record.duration ?? (startMicros !== undefined && endMicros !== undefined ? (endMicros - startMicros) / 1e6 : null),
  };
}

/** `JSON.stringify` of the test's StackVizTest, written field by field: the same bytes at a fraction of the cost. */
export function stackVizTestJson(test: NamedTest): string {
  const { record } = test;
  const id = record.id === test.name ? test.nameJson : jsonString(record.id);
  return (
    `{"name":${test.nameJson},"id":${id},"status":"${record.status}","tags":${tagsJson(record.tags)},` +
    `"timestamps":[${isoJson(record.startMicros)},${isoJson(record.endMicros)}],"duration":${numberJson(test.duration)},"details":{}}`
  );
}

let lastTags: string[] = [];
let lastTagsJson = '[]';

/** Consecutive tests mostly carry equal tags (the decoder hands out the same strings for them). */
function tagsJson(tags: string[]): string {
  if (tags.length !== lastTags.length || tags.some((tag, i) => tag !== lastTags[i])) {
    lastTags = tags;
    lastTagsJson = `[${tags.map(jsonString).join(',')}]`;
  }
  return lastTagsJson;
}

function isoJson(micros: number | undefined): string {
  return micros === undefined ? 'null' : `"${isoFromMicros(micros)}"`;
}

function numberJson(n: number | null): string {
  return n !== null && Number.isFinite(n) ? String(n) : 'null';
}

/** A test's attachments as StackViz shows them: keys cleaned, empty texts dropped. */
export function stackVizDetails(record: TestRecord): Record<string, string> {
  const details: Record<string, string> = {};
  for (const attachment of record.attachments) {
    const text = attachmentText(attachment);
    if (text) details[detailKey(attachment.fileName)] = text;
  }
  return details;
}

/** Builds `subunit-stats` one test at a time. */
export class StatsAccumulator {
  private count = 0;
  private startMicros: number | undefined;
  private endMicros: number | undefined;
  private totalDuration = 0;
  private readonly failures: StackVizFailure[] = [];
  /** How many of `failures` `newFailures` has handed out. */
  private failuresHandedOut = 0;
  private readonly skips: StackVizSkip[] = [];
  /** Each signature's cause, by its id. */
  private readonly causes = new Map<string, string>();

  add(test: NamedTest, details: Record<string, string>): void {
    const { record } = test;
    this.count++;
    if (record.startMicros !== undefined && (this.startMicros === undefined || record.startMicros < this.startMicros)) {
      this.startMicros = record.startMicros;
    }
    if (record.endMicros !== undefined && (this.endMicros === undefined || record.endMicros > this.endMicros)) {
      this.endMicros = record.endMicros;
    }
    this.totalDuration += test.duration ?? 0;
    if (record.status === 'fail') {
      const tail = details.traceback ?? details.reason;
      const { cause, signature_id } = failureCauseOf(details, test.name);
      // kept until the task's finish: strings of their own, not slices of the test's id or traceback,
      // and one cause string per signature
      if (!this.causes.has(signature_id)) this.causes.set(signature_id, ownString(cause));
      this.failures.push({
        name: ownString(test.name),
        duration: test.duration,
        details: tail ? tracebackTail(tail).map(ownString) : null,
        cause: this.causes.get(signature_id)!,
        signature_id,
      });
    } else if (record.status === 'skip') {
      this.skips.push({ name: test.name, duration: test.duration, details: details.reason ?? null });
    }
  }

  /** The failures added since the last call (the first call: all so far), the objects `result` will hold. */
  newFailures(): StackVizFailure[] {
    const added = this.failures.slice(this.failuresHandedOut);
    this.failuresHandedOut = this.failures.length;
    return added;
  }

  result(): StackVizStats {
    return {
      count: this.count,
      start: iso(this.startMicros),
      end: iso(this.endMicros),
      total_duration: this.totalDuration,
      failures: this.failures,
      skips: this.skips,
    };
  }
}

/**
 * `JSON.stringify(stats)` in pieces, one per failure and skip: the same bytes without one string
 * (and its UTF-8 copy) the size of them all; a 200 MB stream's stats hold 56,000 of them.
 */
export function* statsJsonPieces(stats: StackVizStats): Generator<string> {
  const { count, start, end, total_duration, failures, skips } = stats;
  yield `${JSON.stringify({ count, start, end, total_duration }).slice(0, -1)},"failures":[`;
  for (let i = 0; i < failures.length; i++) yield (i === 0 ? '' : ',') + JSON.stringify(failures[i]);
  yield '],"skips":[';
  for (let i = 0; i < skips.length; i++) yield (i === 0 ? '' : ',') + JSON.stringify(skips[i]);
  yield ']}';
}

// python's str.splitlines() separators, control characters among them
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** StackViz's error message: the last line, or the last two when the last is a `Details` line. */
export function tracebackTail(traceback: string): string[] {
  const lines = traceback.trim().split(LINE_BREAK);
  const last = lines[lines.length - 1];
  if (lines.length >= 2 && last.includes('Details')) return [lines[lines.length - 2], last];
  return [last];
}

function iso(micros: number | undefined): string | null {
  return micros === undefined ? null : isoFromMicros(micros);
}
