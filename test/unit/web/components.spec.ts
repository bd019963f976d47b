import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { memoryTrackerArtifact } from '../../../src/artifacts/parsers';
import { parseConsole } from '../../../src/artifacts/parsers/console/parse-console';
import { loadRunData, pickMeta } from '../../../web/src/data/run-data';
import type { RunData } from '../../../web/src/data/types';
import { computeSummary } from '../../../web/src/logic/summary';
import { ConsoleView } from '../../../web/src/viewer/console';
import { ResourcesView } from '../../../web/src/viewer/resources';
import { SummaryView } from '../../../web/src/viewer/summary';
import { TestDetailsView } from '../../../web/src/viewer/test-details';
import { fixture } from './fixtures';

const FAILING = 'stestr.tests.test_subunit_trace.TestSubunitTrace.test_trace_with_all_skips';

/** The viewer's components rendered to HTML from real artifacts (stestr's failure run, a Zuul console). */
describe('viewer components', () => {
  let run: RunData;
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  beforeAll(async () => {
    const consoleJson = JSON.stringify(parseConsole(readFileSync(join(__dirname, '../../fixtures/console/job-output.txt'), 'utf8'), 'job-output.txt', 'FAILURE'));
    run = await loadRunData(pickMeta({ name: 'openstack-tox-py311' }), [
      { type: 'subunit', name: 'testrepository.subunit', text: async () => fixture('stestr-failure-raw.json') },
      { type: 'subunit-details', name: 'testrepository.subunit', text: async () => fixture('stestr-failure-details.json') },
      { type: 'console', name: 'job-output.txt', text: async () => consoleJson },
    ]);
  });

  it('summary: counts, the failure with its traceback tail linking to its details, and the slowest tests', () => {
    const html = render(h(SummaryView, { site: 'abc', run, summary: computeSummary(run.tests, run.details, null) }));
    expect(text(html)).toMatch(/63 tests 62 success 1 fail/);
    expect(text(html)).toContain('Failures (1)');
    expect(html).toContain(`href="/s/abc/test/${encodeURIComponent(FAILING)}"`);
    expect(html).toMatch(/<pre class="tail">[^<]*(Error|assert)/);
    expect(text(html)).toContain('10 slowest tests');
  });

  it('test details: status, facts and one tab per attachment, the traceback shown first', () => {
    const html = render(h(TestDetailsView, { site: 'abc', run, name: FAILING }));
    expect(html).toContain(`<h2 class="test-name">${FAILING}</h2>`);
    expect(text(html)).toMatch(/Status fail Duration/);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>traceback</);
    expect(html).toContain('Show in timeline');
  });

  it('test details for an unknown name offers the test picker instead', () => {
    const html = render(h(TestDetailsView, { site: 'abc', run, name: 'no.such.test' }));
    expect(text(html)).toContain('no.such.test');
    expect(html).not.toContain('<h2 class="test-name">no.such.test</h2>');
  });

  it('console: every section with its duration, only the failing ones open', () => {
    const html = render(h(ConsoleView, { run }));
    const sections = html.match(/<details[^>]*>/g) ?? [];
    expect(sections.length).toBe(run.console!.scripts.length);
    const open = sections.filter((d) => / open/.test(d));
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((d) => d.includes('failing'))).toBe(true);
    expect(html).toContain('2024-02-13 23:55:12.600000 | TASK [run-tempest : Run tempest]');
  });

  it('resources: memory per service with its total, largest processes, queries and API calls, memory low points', async () => {
    const fixtures = join(__dirname, '../../fixtures');
    const tracker = await memoryTrackerArtifact(
      (async function* () {
        yield readFileSync(join(fixtures, 'memory-tracker/screen-memory_tracker.txt'));
      })(),
      'screen-memory_tracker.txt',
    );
    const withResources = await loadRunData(pickMeta({}), [
      { type: 'performance', name: 'performance.json', text: async () => readFileSync(join(fixtures, 'performance/performance.json'), 'utf8') },
      { type: 'memory-tracker', name: 'screen-memory_tracker.txt', text: async () => gunzipSync(tracker.artifact.gzipped).toString() },
    ]);
    const html = render(h(ResourcesView, { site: 'abc', run: withResources }));
    const page = text(html);
    expect(page).toMatch(/Memory per service 3\.\d GiB in 18 services at the end of the run \(2024-02-13 23:31:05 on np0036768134\)/);
    expect(page).toMatch(/q-svc 398\.4 MiB n-api 329\.4 MiB keystone/);
    expect(page).toContain('n-novnc-cell1 [not set]');
    expect(page).toMatch(/Largest processes 612\.0 MiB mysqld pid 28513/);
    expect(page).toMatch(/Database queries database SELECT UPDATE INSERT DELETE total neutron 286,015 15,402 24,518 9,870 335,805/);
    expect(page).toMatch(/API calls service tempest nova keystoneauth1 openstacksdk other total largest response compute/);
    // the compute row's cells: tempest, nova, keystoneauth1, openstacksdk, other, total, largest response
    const compute = /<tr><th scope="row">compute<\/th>(.*?)<\/tr>/.exec(html)![1];
    expect([...compute.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(['32,611', '', '', '47', '', '32,658', '159.4 KiB']);
    expect(page).toMatch(/Memory low points .* 13:22:41 6\.0 GiB of 7\.8 GiB mysqld 392\.7 MiB, neutron-server 138\.0 MiB, nova-api 129\.8 MiB/);
    expect(html).toContain('href="/s/abc/timeline"');
  });
});
