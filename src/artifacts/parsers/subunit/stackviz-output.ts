import type { StackVizFailure } from '../../../api-shapes';
import { GzipWriter } from '../gzip-writer';
import { ProducedArtifact } from '../produced-artifact';
import { jsonString } from './json-string';
import { FinishedTest, namedTest, StatsAccumulator, stackVizTestJson, statsJsonPieces } from './stackviz-json';

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
    const test = namedTest(record);
    const first = this.testCount === 0;
    this.testCount++;
    this.stats.add(test, details);
    this.tests.appendText((first ? '[' : ',') + stackVizTestJson(test));
    // JSON.stringify(details), key by key: no string the size of all the test's attachments
    this.details.appendText(`${first ? '{' : ','}${test.nameJson}:{`);
    let separator = '';
    for (const key of Object.keys(details)) {
      this.details.appendText(`${separator}${jsonString(key)}:`);
      this.details.appendText(JSON.stringify(details[key]));
      separator = ',';
    }
    this.details.appendText('}');
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
