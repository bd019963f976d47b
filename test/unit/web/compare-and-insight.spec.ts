import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { ComparedTest, Entry, InsightResult, InsightRun, InsightTest } from '../../../web/src/api/types';
import {
  comparedRunLabel,
  compareSections,
  durationChange,
  listedRunToCompare,
  otherRunsOfJob,
  pastedRun,
  pastedTask,
  runLabel,
} from '../../../web/src/logic/compare';
import {
  insightInSearch,
  lastFailedLabel,
  runName,
  runsFoundText,
  runsRead,
  searchWithInsight,
  verdictTally,
  verdictText,
} from '../../../web/src/logic/insight';
import { comparePath, parseRoute } from '../../../src/ui/ui-routes';
import { InsightPanel, VerdictBadge } from '../../../web/src/viewer/insight';

const A = '0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
const B = '1c2f8d3b-4a5e-4f60-9bac-1d2e3f4a5b6c';

const compared = (name: string, change: ComparedTest['change'], before: number | null = 1, after: number | null = 1): ComparedTest => ({
  name,
  change,
  base: before === null ? null : { status: 'success', duration: before },
  head: after === null ? null : { status: 'fail', duration: after },
});

describe('compare in the UI', () => {
  it('routes /c/<base>/<head>/ both ways', () => {
    expect(parseRoute(comparePath(A, B))).toEqual({ kind: 'compare', base: A, head: B });
    expect(parseRoute(`/c/${A}/${B}`)).toEqual({ kind: 'compare', base: A, head: B });
    expect(parseRoute(`/c/${A}/`)).toEqual({ kind: 'not-found' });
  });

  it('groups tests in the page’s order, leaving empty kinds out', () => {
    const sections = compareSections([
      compared('z', 'removed'),
      compared('a', 'slower'),
      compared('b', 'new_failure'),
      compared('c', 'new_failure'),
    ]);
    expect(sections.map((s) => [s.title, s.tests.map((t) => t.name)])).toEqual([
      ['New failures', ['b', 'c']],
      ['Slower', ['a']],
      ['Removed', ['z']],
    ]);
  });

  it('says how much a duration changed', () => {
    expect(durationChange(compared('t', 'slower', 0.8, 12))).toBe('800ms → 12.0s (15×)');
    expect(durationChange(compared('t', 'faster', 3, 1))).toBe('3.00s → 1.00s (3.0×)');
    expect(durationChange(compared('t', 'added', null, 1))).toBe('');
  });

  it('finds the task in a pasted uuid or site link, and nothing else', () => {
    expect(pastedTask(` ${A.toUpperCase()} `)).toBe(A);
    expect(pastedTask(`https://stackviz.example.org/s/${A}/test/x.y`)).toBe(A);
    expect(pastedTask(`/s/${A}/`)).toBe(A);
    expect(pastedTask(`${A}x`)).toBeNull();
    expect(pastedTask('https://review.opendev.org/c/123456')).toBeNull();
  });

  it('takes any pasted run link: a site link or task uuid as it is, anything else to look up with /list', () => {
    expect(pastedRun(`https://stackviz.example.org/s/${A}/console`)).toEqual({ kind: 'task', uuid: A });
    expect(pastedRun(` ${A} `)).toEqual({ kind: 'task', uuid: A });
    const zuul = 'https://zuul.opendev.org/t/openstack/build/5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b';
    expect(pastedRun(` ${zuul} `)).toEqual({ kind: 'query', q: zuul });
    expect(pastedRun('https://logs.example/26/271726/2/check/job/5f0c1a2/')).toEqual({
      kind: 'query',
      q: 'https://logs.example/26/271726/2/check/job/5f0c1a2/',
    });
    expect(pastedRun('  ')).toBeNull();
  });

  it('picks the listed run to compare with: the only one, else the one of this job (and pipeline); says why not', () => {
    const entry = (name: string, pipeline: string, url: string | null = `http://l/${name}/${pipeline}/`, reason: string | null = null) =>
      ({ name, pipeline, url, scrapable: url !== null, unscrapable_reason: reason, error_detail: null }) as Entry;
    const here = { name: 'job', pipeline: 'check' };
    const picked = (r: ReturnType<typeof listedRunToCompare>) => ('entry' in r ? r.entry.url : r);
    expect(picked(listedRunToCompare([entry('other', 'gate')], here))).toBe('http://l/other/gate/');
    expect(picked(listedRunToCompare([entry('a', 'check'), entry('job', 'gate'), entry('b', 'check')], here))).toBe('http://l/job/gate/');
    expect(picked(listedRunToCompare([entry('job', 'gate'), entry('job', 'check')], here))).toBe('http://l/job/check/');
    expect(listedRunToCompare([entry('a', 'check'), entry('b', 'check')], here)).toEqual({
      problem: 'That link names 2 jobs but no run of job: paste the link of one run (its Zuul build page or its logs).',
    });
    expect(listedRunToCompare([entry('job', 'gate'), entry('job', 'post')], here)).toEqual({
      problem: 'That link names 2 runs of job: paste the link of one run (its Zuul build page or its logs).',
    });
    expect(listedRunToCompare([entry('job', 'check', null, 'Zuul skipped this job (it never ran), so there are no logs')], here)).toEqual({
      problem: 'That run cannot be compared: Zuul skipped this job (it never ran), so there are no logs.',
    });
    expect(listedRunToCompare([], here, 'patch set 2 had a merge conflict')).toEqual({ problem: 'patch set 2 had a merge conflict' });
    expect(listedRunToCompare([], here)).toEqual({ problem: 'That link names no CI run.' });
  });

  it('offers the job’s other scrapable runs on the change, not this one', () => {
    const entry = (name: string, url: string | null, scrapable = true) => ({ name, url, scrapable }) as Entry;
    const history = [
      entry('job', 'http://l/1/'),
      entry('job', 'http://l/here/'),
      entry('other', 'http://l/2/'),
      entry('job', null, false),
      entry('job', 'http://l/3'),
    ];
    expect(otherRunsOfJob(history, 'job', 'http://l/here').map((e) => e.url)).toEqual(['http://l/1/', 'http://l/3']);
    expect(runLabel({ revision: 2, pipeline: 'check', status: 'FAILURE', finished_at: '2024-03-01T08:17:00.000Z' })).toBe(
      'patch set 2 · check · FAILURE · 2024-03-01 08:17 UTC',
    );
    const side = { uuid: 'u', name: 'tempest-full-py3', change_id: 123456, revision: 3, status: 'finished', finished_at: null } as const;
    expect(comparedRunLabel({ ...side, pipeline: 'gate' })).toBe('tempest-full-py3 · gate · 123456,3');
    expect(comparedRunLabel({ ...side, name: null, pipeline: null, change_id: null })).toBe('run · patch set 3');
  });
});

describe('flake insight in the UI', () => {
  const counts = (failed: number, passed: number, skipped = 0) => ({ runs: failed + passed + skipped, failed, passed, skipped });
  const other = (failed: number, passed: number, skipped = 0, changes = failed + passed, same_cause = failed) => ({
    ...counts(failed, passed, skipped),
    changes,
    same_cause,
  });
  const row = (over: Partial<InsightTest>): InsightTest => ({
    name: 't',
    status_here: 'fail',
    cause: 'ValueError: <n>',
    signature_id: '0123456789abcdef',
    other_changes: other(0, 0),
    same_change: counts(0, 0),
    verdict: 'unknown',
    last_failed: null,
    ...over,
  });

  it('puts the counts behind each verdict into words', () => {
    expect(verdictText(row({ verdict: 'broken', other_changes: other(8, 0, 0, 5, 8) }))).toBe(
      'failed in 8 of 8 runs on 5 other changes, same cause in 8',
    );
    expect(verdictText(row({ verdict: 'unknown', other_changes: other(1, 0, 0, 1, 1) }))).toBe(
      'failed in 1 of 1 run elsewhere, same cause in 1: too few to tell',
    );
    expect(verdictText(row({ verdict: 'unknown', other_changes: other(0, 2) }))).toBe(
      'failed in 0 of 2 runs on 2 other changes: too few to tell',
    );
    expect(verdictText(row({ verdict: 'flaky', other_changes: other(5, 13, 0, 12, 2) }))).toBe(
      'failed in 5 of 18 runs on 12 other changes, same cause in 2',
    );
    expect(verdictText(row({ verdict: 'new', other_changes: other(0, 7, 1), same_change: counts(2, 0) }))).toBe(
      'failed in 0 of 7 runs on 7 other changes; skipped in 1; failed in 2 of 2 other runs of this change',
    );
    expect(verdictText(row({ verdict: 'flaky', other_changes: other(0, 8), same_change: counts(0, 1) }))).toBe(
      'failed in 0 of 8 runs on 8 other changes; failed in 0 of 1 other run of this change; passed on a recheck of this patch set',
    );
    expect(verdictText(row({ other_changes: other(0, 0, 8) }))).toBe('skipped in 8 runs on other changes');
    expect(verdictText(row({}))).toBe('no other run ran it');
    const result = {
      runs: [
        { task: 'r', same_change: true, pipeline: 'gate', revision: 2, change_id: 654321 },
        { task: 'o', same_change: false, pipeline: 'check', revision: 5, change_id: 700008 },
      ],
    } as InsightResult;
    // The run's pipeline and patch set beside it: two runs of one change are told apart.
    expect(lastFailedLabel(result, row({ last_failed: { task: 'o', change_id: 700008, finished_at: null } }))).toBe(
      'last failed on change 700008 (check · patch set 5)',
    );
    expect(lastFailedLabel(result, row({ last_failed: { task: 'r', change_id: 654321, finished_at: null } }))).toBe(
      'last failed on this change (gate · patch set 2)',
    );
  });

  it('tallies verdicts, runs read and unreadable, and says when fewer runs were found than asked for', () => {
    const gone = {
      task: 'g',
      url: 'http://l/gone/',
      change_id: 700009,
      revision: 1,
      pipeline: null,
      status: 'error',
      error: 'the logs are gone (404)',
    };
    const result = {
      job: 'nova-tox-functional',
      builds: 20,
      runs: [{ status: 'finished' }, gone, { status: 'finished' }],
      tests: [row({ verdict: 'broken' }), row({ verdict: 'new' }), row({ verdict: 'new' })],
    } as InsightResult;
    expect(verdictTally(result)).toEqual([
      { verdict: 'new', count: 2 },
      { verdict: 'broken', count: 1 },
    ]);
    expect(runsRead(result)).toEqual({ read: 2, unreadable: [gone] });
    expect(runName(gone as InsightRun)).toBe('change 700009, patch set 1');
    expect(runName({ ...gone, pipeline: 'gate' } as InsightRun)).toBe('change 700009, patch set 1 (gate)');
    expect(runName({ ...gone, change_id: null } as InsightRun)).toBe('http://l/gone/');
    expect(runsFoundText(result)).toBe(
      "Found 3 of the 20 other runs asked for: this change's other runs and Zuul's recent builds of nova-tox-functional hold no more.",
    );
    expect(runsFoundText({ ...result, builds: 3 })).toBeNull();
  });

  it('keeps the insight in the query string beside the other parameters', () => {
    const uuid = '0b6f8a52-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(insightInSearch(`?test=a.b&insight=${uuid.toUpperCase()}`)).toBe(uuid);
    expect(insightInSearch('?insight=nope')).toBeNull();
    expect(insightInSearch('')).toBeNull();
    expect(searchWithInsight('?test=a.b', uuid)).toBe(`?test=a.b&insight=${uuid}`);
    expect(searchWithInsight(`?insight=${uuid}`, null)).toBe('');
  });

  it('offers the check on the failures of a task with a Zuul build only, says why not without one, and shows no verdict before one is in', () => {
    const meta = { build_uuid: '5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b', name: 'tempest-full-py3', ci_username: 'zuul' };
    expect(render(h(InsightPanel, { site: A, failures: 3, meta }))).toContain('Is it my change? Check 20 other runs');
    expect(render(h(InsightPanel, { site: A, failures: 0, meta }))).toBe('');
    expect(render(h(InsightPanel, { site: '~http://logs.example/stackviz/data/config.json', failures: 3, meta }))).toBe('');
    const noBuild = render(h(InsightPanel, { site: A, failures: 3, meta: { ...meta, build_uuid: null } }));
    expect(noBuild).not.toContain('insight-ask');
    expect(noBuild).toContain('Zuul did not know this run’s build when it was scraped');
    expect(render(h(InsightPanel, { site: A, failures: 3, meta: { build_uuid: null, name: 'gate-x', ci_username: 'jenkins' } }))).toContain(
      'this is a legacy (Jenkins) run, which Zuul does not know',
    );
    expect(render(h(VerdictBadge, { site: A, name: 't' }))).toBe('');
  });
});
