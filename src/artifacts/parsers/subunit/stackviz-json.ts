import type { StackVizFailure, StackVizSkip, StackVizStats } from '../../../api-shapes';
import { ownString } from '../../../common/own-string';
import { failureCauseOf } from '../../../failure-cause/failure-cause';
import { isUtf8 } from 'node:buffer';
import { attachmentBytes, attachmentText, detailKey, encodingOf } from './attachment-text';
import type { GzipWriter } from '../gzip-writer';
import { appendJsonString, appendRawJson, isPlainJson } from './json-bytes';
import { TestRecord } from './stream-to-tests';
import { cleanTestName } from './test-name';
import { ISO_SUFFIX, isoDay, isoFromMicros, SECONDS_PER_DAY } from './timestamps';

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
  /** StackViz's cleaned name. */
  name: string;
  /** The id is isPlainJson, and so the name, made of its parts. */
  plain: boolean;
  /** Seconds; null when the stream gave the test no timestamp. */
  duration: number | null;
}

export function namedTest(record: FinishedTest): NamedTest {
  const { startMicros, endMicros } = record;
  return {
    record,
    name: cleanTestName(record.id),
    plain: isPlainJson(record.id),
    duration: record.duration ?? (startMicros !== undefined && endMicros !== undefined ? (endMicros - startMicros) / 1e6 : null),
  };
}

/** Writes `JSON.stringify` of the test's StackVizTest after `opening` (`[` or `,`), field by field: the same bytes at a fraction of the cost. */
export function appendStackVizTest(out: GzipWriter, test: NamedTest, opening: '[' | ','): void {
  const { record } = test;
  appendRawJson(out, opening === '[' ? '[{"name":' : ',{"name":');
  appendJsonString(out, test.name, test.plain);
  appendRawJson(out, ',"id":');
  appendJsonString(out, record.id, test.plain);
  appendRawJson(out, ',"status":"');
  appendRawJson(out, record.status);
  appendRawJson(out, '","tags":');
  appendRawJson(out, tagsJson(record.tags));
  appendRawJson(out, ',"timestamps":[');
  appendIsoJson(out, record.startMicros);
  appendRawJson(out, ',');
  appendIsoJson(out, record.endMicros);
  appendRawJson(out, '],"duration":');
  appendRawJson(out, numberJson(test.duration));
  appendRawJson(out, ',"details":{}}');
}

let lastTags: string[] = [];
let lastTagsJson = '[]';

/** Consecutive tests mostly carry equal tags (the decoder hands out the same strings for them). */
function tagsJson(tags: string[]): string {
  if (tags.length !== lastTags.length || tags.some((tag, i) => tag !== lastTags[i])) {
    lastTags = tags;
    lastTagsJson = JSON.stringify(tags);
  }
  return lastTagsJson;
}

const ISO_SUFFIX_JSON = `${ISO_SUFFIX}"`;

/** `"2016-06-28T13:56:08.099819+00:00"` (isoFromMicros), written a byte at a time; `null` for none. */
function appendIsoJson(out: GzipWriter, micros: number | undefined): void {
  if (micros === undefined) {
    appendRawJson(out, 'null');
    return;
  }
  const second = Math.floor(micros / 1_000_000);
  const day = Math.floor(second / SECONDS_PER_DAY);
  const date = isoDay(day);
  let fraction = micros - second * 1_000_000;
  if (!Number.isInteger(fraction)) {
    appendRawJson(out, `"${isoFromMicros(micros)}"`);
    return;
  }
  // the quotes, the date, `13:56:08.`, the microseconds and the suffix
  const block = out.reserve(1 + date.length + 9 + 6 + ISO_SUFFIX_JSON.length);
  let at = out.position;
  block[at++] = 0x22;
  for (let i = 0; i < date.length; i++) block[at++] = date.charCodeAt(i);
  const ofDay = second - day * SECONDS_PER_DAY;
  at = putTwoDigits(block, at, Math.floor(ofDay / 3600));
  block[at++] = 0x3a;
  at = putTwoDigits(block, at, Math.floor(ofDay / 60) % 60);
  block[at++] = 0x3a;
  at = putTwoDigits(block, at, ofDay % 60);
  block[at++] = 0x2e;
  for (let digit = 5; digit >= 0; digit--) {
    block[at + digit] = 0x30 + (fraction % 10);
    fraction = Math.floor(fraction / 10);
  }
  at += 6;
  for (let i = 0; i < ISO_SUFFIX_JSON.length; i++) block[at++] = ISO_SUFFIX_JSON.charCodeAt(i);
  out.advanceTo(at);
}

function putTwoDigits(block: Buffer, at: number, n: number): number {
  block[at] = 0x30 + Math.floor(n / 10);
  block[at + 1] = 0x30 + (n % 10);
  return at + 2;
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

/** A detail of stackVizDetails as its attachment's bytes: its key, and how its bytes read. */
export interface RawDetail {
  key: string;
  bytes: Buffer;
  /** UTF-8 (valid); else Latin-1. */
  utf8: boolean;
}

/**
 * The details stackVizDetails gives, in its order, as their bytes, so that they can be written as
 * JSON without being decoded; null when one needs its text: a charset other than UTF-8 or
 * Latin-1, UTF-8 that is not valid (decoding replaces it), or a key an object would put first
 * (an array index), take as its prototype or give two attachments.
 */
export function rawDetails(record: TestRecord): RawDetail[] | null {
  const details: RawDetail[] = [];
  for (const attachment of record.attachments) {
    const bytes = attachmentBytes(attachment);
    // stackVizDetails drops an empty text
    if (bytes.length === 0) continue;
    const encoding = encodingOf(attachment.mimeType);
    const utf8 = encoding === 'utf8';
    if (!utf8 && encoding !== 'latin1') return null;
    if (utf8 && !isUtf8(bytes)) return null;
    const key = detailKey(attachment.fileName);
    if (/^[0-9]/.test(key) || key === '__proto__' || details.some((d) => d.key === key)) return null;
    details.push({ key, bytes, utf8 });
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
