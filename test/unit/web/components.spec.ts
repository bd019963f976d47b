import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { memoryTrackerArtifact } from '../../../src/artifacts/parsers';
import { parseConsole } from '../../../src/artifacts/parsers/console/parse-console';
import { loadRunData, pickMeta } from '../../../web/src/data/run-data';
import type { DetailsByName, RunData } from '../../../web/src/data/types';
import { computeSummary } from '../../../web/src/logic/summary';
import type { Entry } from '../../../web/src/api/types';
import { JobRow } from '../../../web/src/pages/home';
import { toConsoleModel } from '../../../web/src/data/console-model';
import { ConsoleView } from '../../../web/src/viewer/console';
import { TracebackView } from '../../../web/src/viewer/traceback-view';
import { ResourcesView } from '../../../web/src/viewer/resources';
import { SummaryView } from '../../../web/src/viewer/summary';
import { TestDetailsView } from '../../../web/src/viewer/test-details';
import { fixture } from './fixtures';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const FAILING = 'stestr.tests.test_subunit_trace.TestSubunitTrace.test_trace_with_all_skips';

/** The viewer's components rendered to HTML from real artifacts (stestr's failure run, a Zuul console). */
describe('viewer components', () => {
  let run: RunData;
  let consoleJson: string;

  beforeAll(async () => {
    consoleJson = JSON.stringify(
      parseConsole(readFileSync(join(__dirname, '../../fixtures/console/job-output.txt'), 'utf8'), 'job-output.txt', 'FAILURE'),
    );
    run = await loadRunData(pickMeta({ name: 'openstack-tox-py311' }), [
      { type: 'subunit', name: 'testrepository.subunit', text: async () => fixture('stestr-failure-raw.json') },
      { type: 'subunit-details', name: 'testrepository.subunit', text: async () => fixture('stestr-failure-details.json') },
      { type: 'console', name: 'job-output.txt', text: async () => consoleJson },
    ]);
  });

  it('summary: the failure count and its cause first, the whole traceback with the test frame marked, the slowest tests', () => {
    const html = render(h(SummaryView, { site: 'abc', run, summary: computeSummary(run.tests, run.details, null) }));
    expect(text(html)).toMatch(/Results 1 failure from 1 cause in 63 tests 63 tests 62 success 1 fail/);
    expect(text(html)).toContain('Failures by cause (1 cause, 1 failure)');
    expect(text(html).indexOf('Failures by cause')).toBeLessThan(text(html).indexOf('Test time per worker'));
    expect(html).toContain(`href="/s/abc/test/${encodeURIComponent(FAILING)}"`);
    expect(html).toMatch(/<span class="tb-own-frame">\s*File &quot;stestr\/tests\/test_subunit_trace.py&quot;, line 84/);
    expect(html).toMatch(/<span class="tb-exception">IOError: \[Errno 2\]/);
    expect(text(html)).toContain('10 slowest tests');
    expect(html).not.toContain('Why this job failed');
  });

  it('summary of a console-only POST_FAILURE: leads with what the result means and the failing task’s last lines', async () => {
    const post = JSON.stringify(
      parseConsole(readFileSync(join(__dirname, '../../fake-upstream/logs-data/job-output-post-failure.txt'), 'utf8'), 'job-output.txt'),
    );
    const noTests = await loadRunData(
      pickMeta({ name: 'nova-next', status: 'POST_FAILURE' }),
      [{ type: 'console', name: 'job-output.txt', text: async () => post }],
      {
        warnings: [],
        message: null,
      },
    );
    const html = render(h(SummaryView, { site: 'abc', run: noTests, summary: computeSummary([], {}, null) }));
    expect(text(html)).toMatch(
      /^ Why this job failed POST_FAILURE A post-run step failed after the job itself ran: the logs may not have been uploaded whole/,
    );
    expect(text(html)).toContain("No test results: this job's logs had no subunit stream, JUnit report or StackViz site.");
    expect(text(html)).toContain('Failing step: fetch-output : Collect logs from nodes failed');
    expect(html.match(/class="console-line error-line"/g)).toHaveLength(2);
    expect(text(html)).toContain('Its 8 lines:');
  });

  it('summary of a console-only run that passed: its result, no failing step (a failed task with ignored errors is not the story)', async () => {
    const consoleOnly = (status: string | null) =>
      loadRunData(
        pickMeta({ name: 'openstack-tox-pep8', status }),
        [{ type: 'console', name: 'job-output.txt', text: async () => consoleJson }],
        { warnings: [], message: null },
      );
    const passed = render(h(SummaryView, { site: 'abc', run: await consoleOnly('SUCCESS'), summary: computeSummary([], {}, null) }));
    expect(text(passed)).toMatch(
      /^ Job result SUCCESS The job passed\. No test results: this job's logs had no subunit stream, JUnit report or StackViz site\. $/,
    );
    expect(passed).toContain('class="panel wide outcome passed"');
    // Opened from a log URL, the result is unknown: the failed task says the job failed.
    const unknown = render(h(SummaryView, { site: 'abc', run: await consoleOnly(null), summary: computeSummary([], {}, null) }));
    expect(text(unknown)).toMatch(/^ Why this job failed Failing step: run-tempest : Run tempest failed/);
    expect(text(unknown)).toContain("No test results: this job's logs had no subunit stream, JUnit report or StackViz site.");
  });

  it('test details: status, facts and one tab per attachment, the traceback shown first', () => {
    const html = render(h(TestDetailsView, { site: 'abc', run, name: FAILING }));
    expect(/<h2 class="test-name">(.*?)<\/h2>/.exec(html)![1].replace(/<wbr\/>/g, '')).toBe(FAILING);
    expect(html).toContain('stestr.<wbr/>tests.<wbr/>test_<wbr/>subunit_<wbr/>trace.<wbr/>');
    expect(text(html)).toMatch(/Status fail Duration/);
    expect(html).toMatch(/role="tab"[^>]*aria-selected="true"[^>]*>traceback</);
    expect(html).toContain('Show in timeline');
  });

  it('test details for an unknown name offers the test picker instead', () => {
    const html = render(h(TestDetailsView, { site: 'abc', run, name: 'no.such.test' }));
    expect(text(html)).toContain('no.such.test');
    expect(html).not.toContain('<h2 class="test-name">no.such.test</h2>');
  });

  it('console: every section with its duration, only the first failing task open, its error line highlighted', () => {
    const html = render(h(ConsoleView, { run }));
    const sections = html.match(/<details[^>]*>/g) ?? [];
    expect(sections.length).toBe(run.console!.steps.length);
    const open = sections.filter((d) => / open/.test(d));
    expect(open).toHaveLength(1);
    expect(open[0]).toContain('failing');
    expect(html).toMatch(/<span id="err-\d+-\d+" class="error-line current">[^<]*(ERROR|FAILED)/);
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
      {
        type: 'performance',
        name: 'performance.json',
        text: async () => readFileSync(join(fixtures, 'performance/performance.json'), 'utf8'),
      },
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
    expect(page).toMatch(
      /Memory low points .* 13:22:41 6\.0 GiB of 7\.8 GiB mysqld 392\.7 MiB, neutron-server 138\.0 MiB, nova-api 129\.8 MiB/,
    );
    expect(html).toContain('href="/s/abc/timeline"');
  });

  it('resources: low points that could not be placed in time are listed as such, never "memory never fell"', async () => {
    const tracker = await memoryTrackerArtifact(
      (async function* () {
        yield readFileSync(join(__dirname, '../../fixtures/memory-tracker/screen-memory_tracker-ja_JP.txt'));
      })(),
      'screen-memory_tracker.txt',
    );
    const run = await loadRunData(pickMeta({}), [
      { type: 'memory-tracker', name: 'screen-memory_tracker.txt', text: async () => gunzipSync(tracker.artifact.gzipped).toString() },
    ]);
    const page = text(render(h(ResourcesView, { site: 'abc', run })));
    expect(page).not.toContain('never fell');
    expect(page).toMatch(/Memory low points .* time unknown 6\.0 GiB of 7\.8 GiB mysqld 392\.7 MiB/);
    expect(page.match(/time unknown/g)).toHaveLength(12);
    expect(page).toContain(
      "12 low points could not be placed in time: the tracker's date line ( 2026年 11月 27日 金曜日 09:40:38 UTC ) is in a form this service does not read",
    );
  });
});

describe('job list rows', () => {
  const entry: Entry = {
    change_id: 123456,
    change_project: 'openstack/nova',
    change_subject: 'x',
    ci_username: 'zuul',
    name: 'nova-multi-cell',
    pipeline: 'check',
    revision: 3,
    status: 'ERROR',
    url: null,
    build_uuid: null,
    voting: true,
    duration: null,
    finished_at: null,
    branch: null,
    scrapable: false,
    unscrapable_reason: 'the build left no logs',
    error_detail: 'Project openstack/placement-foo does not have the default branch master',
  };

  it('a job that cannot be scraped has no checkbox and says why, Zuul’s error detail first', () => {
    const html = render(h(JobRow, { entry, checked: false, onToggle: () => undefined }));
    expect(html).not.toContain('<input');
    expect(html).toContain('class="job unscrapable"');
    expect([...html.matchAll(/<small class="(why[^"]*)">([^<]*)<\/small>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['why error-detail', entry.error_detail],
      ['why', entry.unscrapable_reason],
    ]);
  });

  it('a scrapable one has its checkbox and label', () => {
    const html = render(
      h(JobRow, {
        entry: { ...entry, url: 'http://logs/x/', scrapable: true, unscrapable_reason: null, error_detail: null, status: 'SUCCESS' },
        checked: true,
        onToggle: () => undefined,
      }),
    );
    expect(html).toMatch(/<input type="checkbox" id="job-[^"]+" checked/);
    expect(html).not.toContain('class="why"');
  });
});

describe('traceback and outcome views', () => {
  it('a brief traceback shows the test’s own frame and the exception, and offers the whole one', () => {
    const name = 'tempest.api.compute.test_servers.ServersTestJSON.test_reboot_hard';
    const tb = (JSON.parse(fixture('stestr-triage-details.json')) as DetailsByName)[name].traceback;
    const html = render(h(TracebackView, { text: tb, testId: name, brief: true }));
    expect(html).toContain('<span class="tb-gap">⋮');
    expect(html).not.toContain('waiters.py');
    expect(html).toContain(`Show the whole traceback (${tb.trim().split('\n').length} lines)`);
    expect(html.match(/class="tb-own-frame"/g)).toHaveLength(1);
  });

  it('a job that timed out without a failing task quotes the task that was running last', () => {
    const model = toConsoleModel({
      sections: [
        { title: 'run-devstack : Run devstack', kind: 'task', status: 'changed', lines: ['ok'] },
        { title: 'run-tempest : Run Tempest', kind: 'task', status: null, lines: Array.from({ length: 40 }, (_, i) => `line ${i}`) },
      ],
    });
    const timedOut = {
      meta: pickMeta({ name: 'tempest-full-py3', status: 'TIMED_OUT' }),
      tests: [],
      details: {},
      stats: null,
      dstat: null,
      console: model,
      performance: null,
      memory: null,
      problems: [],
      warnings: [],
      message: null,
      durationsOnly: false,
      pending: [],
    };
    const html = render(h(SummaryView, { site: 'abc', run: timedOut, summary: computeSummary([], {}, null) }));
    expect(text(html)).toContain('The job hit its time limit and was stopped');
    expect(text(html)).toContain('Running when the job timed out: run-tempest : Run Tempest');
    expect(text(html)).toContain('Its last 30 of 40 lines:');
    expect(html).not.toContain('line 9\n');
    expect(html).toContain('line 39');
  });
});
