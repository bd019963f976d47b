import type { StackVizFailure } from '../../../api-shapes';
import { GzipWriter } from '../gzip-writer';
import { ProducedArtifact } from '../produced-artifact';
import { appendBytesAsJson, appendJsonString, appendRawJson } from './json-bytes';
import {
  appendStackVizTest,
  FinishedTest,
  NamedTest,
  namedTest,
  rawDetails,
  StatsAccumulator,
  stackVizDetails,
  statsJsonPieces,
} from './stackviz-json';
import { TestRecord } from './stream-to-tests';

/** `subunit-stats` reads no detail of a test that neither failed nor was skipped. */
const NO_DETAILS: Record<string, string> = {};

/**
 * Writes each finished test into the three artifacts (`subunit`, `subunit-stats`,
 * `subunit-details`) as it arrives, whichever report the tests come from.
 */
export class StackVizOutput {
  testCount = 0;
  private readonly tests = new GzipWriter();
  private readonly details = new GzipWriter();
  private readonly stats = new StatsAccumulator();

  /** `details`: the test's texts by StackViz key (traceback, reason, pythonlogging, stdout, ...). */
  add(record: FinishedTest, details: Record<string, string>): void {
    const test = this.begin(record);
    this.stats.add(test, details);
    // JSON.stringify(details), key by key: no string the size of all the test's attachments
    let separator = '';
    for (const key of Object.keys(details)) {
      appendRawJson(this.details, separator);
      appendJsonString(this.details, key);
      appendRawJson(this.details, ':');
      appendJsonString(this.details, details[key]);
      separator = ',';
    }
    appendRawJson(this.details, '}');
  }

  /**
   * A subunit test, the same as `add` with stackVizDetails, but its attachments' bytes are escaped
   * into `subunit-details` as they are: decoding them into texts and encoding those again cost
   * more than all else a test needs. A failure's or skip's are decoded, for `subunit-stats`.
   */
  addSubunit(record: TestRecord): void {
    const raw = record.status === 'fail' || record.status === 'skip' ? null : rawDetails(record);
    if (raw === null) {
      this.add(record, stackVizDetails(record));
      return;
    }
    const test = this.begin(record);
    this.stats.add(test, NO_DETAILS);
    for (let i = 0; i < raw.length; i++) {
      if (i > 0) appendRawJson(this.details, ',');
      appendJsonString(this.details, raw[i].key);
      appendRawJson(this.details, ':');
      appendBytesAsJson(this.details, raw[i].bytes, raw[i].utf8);
    }
    appendRawJson(this.details, '}');
  }

  /** Counts the test, writes it into `subunit` and opens its entry of `subunit-details`. */
  private begin(record: FinishedTest): NamedTest {
    const test = namedTest(record);
    const first = this.testCount === 0;
    this.testCount++;
    appendStackVizTest(this.tests, test, first ? '[' : ',');
    appendRawJson(this.details, first ? '{' : ',');
    appendJsonString(this.details, test.name, test.plain);
    appendRawJson(this.details, ':{');
    return test;
  }

  /** The failed tests added since the last call, as `subunit-stats` will hold them. */
  newFailures(): StackVizFailure[] {
    return this.stats.newFailures();
  }

  /** True when the gzip writers have too many blocks compressing: time to `drain`. */
  get backlogged(): boolean {
    return this.tests.backlogged || this.details.backlogged;
  }

  async drain(): Promise<void> {
    await this.tests.drain();
    await this.details.drain();
  }

  async finish(): Promise<ProducedArtifact[]> {
    await this.tests.writeText(this.testCount === 0 ? '[]' : ']');
    await this.details.writeText(this.testCount === 0 ? '{}' : '}');
    const statsGzip = new GzipWriter();
    const result = this.stats.result();
    for (const piece of statsJsonPieces(result)) {
      statsGzip.appendText(piece);
      if (statsGzip.backlogged) await statsGzip.drain();
    }
    const [tests, details, stats] = await Promise.all([this.tests.finish(), this.details.finish(), statsGzip.finish()]);
    return [
      { artifactType: 'subunit', contentType: 'application/json', primary: true, gzipped: tests },
      { artifactType: 'subunit-stats', contentType: 'application/json', primary: false, gzipped: stats, failures: result.failures },
      { artifactType: 'subunit-details', contentType: 'application/json', primary: false, gzipped: details },
    ];
  }
}
