/**
 * The `nova-tox-functional` job across a dozen builds, for compare and flake insight. Change 654321
 * ran it on patch set 1, on patch set 2 (the run under test, `t`) and on a recheck of patch set 2;
 * eight other changes ran it once each (`o1`…`o8`, newest last), and one more (`expired`) left
 * logs that are gone. The subunit streams are python-subunit's, written by
 * logs-data/flaky-job/make_flaky_job.py, which lists every test and its status per run:
 * - BrokenTest.test_broken_everywhere fails everywhere, always with the same cause (a ServerFault,
 *   HTTP 500, a new request id each time);
 * - FlakyTest.test_flaky_some fails in o2 and o5 only among other changes: in o2 (and t) a build
 *   timeout naming the test, in o5 a NotFound (HTTP 404), another cause;
 * - MineTest.test_mine fails only on change 654321;
 * - RecheckTest.test_recheck_pass fails in t and passes on the recheck (and elsewhere; skipped in o3);
 * - OnlyHereTest.test_only_here is only in t; SkipTest.test_skipped_elsewhere is skipped on other changes;
 * - RareTest.test_rare_failure fails in t and in o1, the only other run that has it, alike: too few
 *   runs to call it broken; FewRunsTest.test_passed_twice fails in t and passes in o1 and o2 only:
 *   too few to call it new;
 * - compared with t, the recheck has one new failure (LaterTest.test_broke_on_recheck), one test
 *   added, three removed (test_only_here, test_rare_failure, test_passed_twice), one 15× slower and
 *   one 10× faster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gerritChange, JobOnChanges, JobRun, logDirectories, zuulRecords } from './job-runs';

export const FLAKY_JOB = 'nova-tox-functional';
export const FLAKY_CHANGE = 654321;
export const FLAKY_TEST_PREFIX = 'nova.tests.functional.test_flaky.';
/** Zuul ids above the other fixtures'. */
const FIRST_ZUUL_ID = 4_000_000;

export type FlakyRunName = 't' | 'ps1' | 'recheck' | 'o1' | 'o2' | 'o3' | 'o4' | 'o5' | 'o6' | 'o7' | 'o8' | 'expired';

const STREAMS = join(__dirname, '..', 'logs-data', 'flaky-job');

/** Every run fails: BrokenTest.test_broken_everywhere fails in all of them. */
function run(name: FlakyRunName, n: number, change: number, patchset: number, start: string): JobRun & { name: FlakyRunName } {
  const uuid = `f1a4e${n.toString(16).padStart(27, '0')}`;
  const shard = String(change).slice(-2);
  return {
    name,
    uuid,
    change,
    patchset,
    result: 'FAILURE',
    start,
    seconds: 1500 + n * 60,
    logPath: `/${shard}/${change}/${patchset}/check/${FLAKY_JOB}/${uuid.slice(-7)}/`,
    results: name === 'expired' ? null : readFileSync(join(STREAMS, `${name}.subunit`)),
  };
}

/** Oldest first: every build's start is later than the one before. */
const FLAKY_RUNS = [
  run('ps1', 1, FLAKY_CHANGE, 1, '2024-02-28T08:00:00'),
  run('t', 2, FLAKY_CHANGE, 2, '2024-03-01T07:50:00'),
  run('recheck', 3, FLAKY_CHANGE, 2, '2024-03-01T13:50:00'),
  ...(['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8'] as const).map((name, i) =>
    run(name, 4 + i, 700001 + i, 1 + (i % 3), `2024-03-0${2 + Math.floor(i / 3)}T${String(8 + 3 * (i % 3)).padStart(2, '0')}:00:00`),
  ),
  run('expired', 12, 700009, 1, '2024-03-05T08:00:00'),
];

const FLAKY: JobOnChanges = { job: FLAKY_JOB, project: 'openstack/nova', runs: FLAKY_RUNS };

export function flakyRun(name: FlakyRunName): JobRun {
  return FLAKY_RUNS.find((r) => r.name === name)!;
}

export const flakyZuulBuilds = (artifactUrl: string) => zuulRecords(FLAKY, artifactUrl, FIRST_ZUUL_ID);
export const flakyGerritChange = (zuulUrl: string, tenant: string) =>
  gerritChange(FLAKY, FLAKY_CHANGE, 'compute: retry the volume attach on a 409', zuulUrl, tenant);
export const flakyLogDirectories = () => logDirectories(FLAKY);
