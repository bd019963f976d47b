/**
 * The `zuul-jobs-tox-pytest` job of openstack/blockstore across five builds, each leaving a pytest
 * --junitxml `test-results.xml` and no subunit stream, for compare and flake insight on JUnit runs.
 * The reports are real pytest runs of test/fixtures/junit/pytest-tox-project (its make-reports.sh):
 * - t    change 345678 patch set 2, the run under test (fake-logs' junitOnly): 15 failures in 118
 *        tests from 5 causes: 5 setup errors (the API is not running: ConnectionRefusedError) and 2
 *        tests reading the node's missing config (NoSectionError) fail in every run; the change's
 *        quota bug fails 4 tests (on both its patch sets), its listing change 1 (patch set 2 only);
 *        a slow node times out 3 volume waits (here and in o2);
 * - ps1  change 345678 patch set 1 (11 failures);
 * - o1, o2, o3  changes 345701, 345702 and 345703 (7, 10 and 7 failures).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_PATHS } from '../fake-logs';
import { gerritChange, JobOnChanges, JobRun, logDirectories, zuulRecords } from './job-runs';

export const PYTEST_JOB = 'zuul-jobs-tox-pytest';
export const PYTEST_CHANGE = 345678;
/** Zuul ids above the other fixtures'. */
const FIRST_ZUUL_ID = 5_000_000;

export type PytestRunName = 't' | 'ps1' | 'o1' | 'o2' | 'o3';

const REPORTS = join(__dirname, '..', 'logs-data', 'pytest-job');

function run(name: PytestRunName, n: number, change: number, patchset: number, start: string, result: JobRun['result']): JobRun & { name: PytestRunName } {
  const uuid = `9e8d7${n.toString(16).padStart(27, '0')}`;
  return {
    name,
    uuid,
    change,
    patchset,
    result,
    start,
    seconds: 310 + n * 7,
    logPath: name === 't' ? LOG_PATHS.junitOnly : `/${String(change).slice(-2)}/${change}/${patchset}/check/${PYTEST_JOB}/${uuid.slice(-7)}/`,
    results: { 'test-results.xml': readFileSync(join(REPORTS, `${name}.xml`)) },
  };
}

/** Oldest first. */
const PYTEST_RUNS = [
  run('ps1', 1, PYTEST_CHANGE, 1, '2026-11-30T08:10:00', 'FAILURE'),
  run('o1', 2, 345701, 1, '2026-11-30T10:20:00', 'FAILURE'),
  run('o2', 3, 345702, 3, '2026-11-30T14:05:00', 'FAILURE'),
  run('o3', 4, 345703, 1, '2026-12-01T07:45:00', 'FAILURE'),
  run('t', 5, PYTEST_CHANGE, 2, '2026-12-01T09:30:00', 'FAILURE'),
];

const PYTEST: JobOnChanges = { job: PYTEST_JOB, project: 'openstack/blockstore', runs: PYTEST_RUNS };

export function pytestRun(name: PytestRunName): JobRun {
  return PYTEST_RUNS.find((r) => r.name === name)!;
}

export const pytestZuulBuilds = (artifactUrl: string) => zuulRecords(PYTEST, artifactUrl, FIRST_ZUUL_ID);
export const pytestGerritChange = (zuulUrl: string, tenant: string) =>
  gerritChange(PYTEST, PYTEST_CHANGE, 'quota: give the space back when a volume is deleted', zuulUrl, tenant);
export const pytestLogDirectories = () => logDirectories(PYTEST);
