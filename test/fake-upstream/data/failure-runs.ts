/**
 * Many runs on many changes sharing failure causes, for failure knowledge (docs/api.md, "Failures").
 * Each run is a Swift build served by the fake log server (`builds`): a generated subunit stream
 * whose failing tests carry real tracebacks (test/unit/web/fixtures/tracebacks, each kind recorded
 * twice with different uuids, request ids, times and paths), and the tempest job-output.txt.
 *
 * - BROKEN: test_server_fault_http_500 fails with HTTP 500 in every nova run, and in both periodic
 *   builds (no change: each counts as its own change);
 * - FLAKY: the waiter timeout, on test_rebuild_server in some runs and test_resize_server in others,
 *   each message naming its own test: one cause on two tests;
 * - NOT_FOUND: the same ClientException with HTTP 404 (test_server_not_found_http_404), twice: not
 *   the 500's signature;
 * - NEW: test_shelve's MismatchError 'SHUTOFF' != 'ERROR', only on change 810003 (both patch sets);
 * - ACTIVE: MismatchError 'ACTIVE' != 'ERROR' on two tests of two classes: one signature;
 * - a devstack build (cinder) whose tests all passed and whose job failed: one job-level occurrence
 *   (the failed console step and its first error line);
 * - the oldest run is 9 days old: in the 30-day counts, not the 7-day ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedStream, GeneratedTest } from '../generated-stream';

const TRACEBACKS = join(__dirname, '..', '..', 'unit', 'web', 'fixtures', 'tracebacks');
const NOVA = 'nova.tests.unit.compute.test_compute_mgr.ComputeManagerUnitTestCase.';

export const FAILURE_TESTS = {
  broken: `${NOVA}test_server_fault_http_500`,
  notFound: `${NOVA}test_server_not_found_http_404`,
  rebuild: `${NOVA}test_rebuild_server`,
  resize: `${NOVA}test_resize_server`,
  shelve: `${NOVA}test_shelve`,
  bootActive: `${NOVA}test_boot_active`,
  snapshotActive: 'nova.tests.unit.image.test_glance.SnapshotTestCase.test_snapshot_active',
} as const;
export type FailureTest = keyof typeof FAILURE_TESTS;

/** Which recorded traceback each failing test fails with (`-1` or `-2` is picked per run). */
const TRACEBACK_OF: Record<FailureTest, string> = {
  broken: 'http-500',
  notFound: 'http-404',
  rebuild: 'waiter-rebuild',
  resize: 'waiter-resize',
  shelve: 'assert-shutoff',
  bootActive: 'assert-active',
  snapshotActive: 'assert-active',
};

export interface FailureRun {
  name: string;
  job: string;
  project: string;
  /** `master`, but a stable branch for the periodic builds. */
  branch: string;
  pipeline: string;
  change: number | null;
  patchset: number | null;
  /** How long ago the build ended. */
  hoursAgo: number;
  result: 'FAILURE' | 'SUCCESS';
  failing: FailureTest[];
  logPath: string;
  build: string;
}

/** The branch the periodic builds ran on. */
export const PERIODIC_BRANCH = 'stable/2025.1';

const PASSING = ['test_list_servers', 'test_get_server', 'test_delete_server'].map((m) => `${NOVA}${m}`);

function run(n: number, r: Omit<FailureRun, 'logPath' | 'build' | 'result' | 'branch'> & { result?: FailureRun['result'] }): FailureRun {
  const build = `fa11${n.toString(16).padStart(28, '0')}`;
  const branch = r.change === null ? PERIODIC_BRANCH : 'master';
  const where = r.change === null ? `periodic/opendev.org/${r.project}/${branch}` : `${String(r.change).slice(-2)}/${r.change}/${r.patchset}/${r.pipeline}`;
  return { result: 'FAILURE', ...r, branch, build, logPath: `/${where}/${r.job}/${build.slice(-7)}/` };
}

const FUNCTIONAL = 'nova-tox-functional-py312';
const nova = { job: FUNCTIONAL, project: 'openstack/nova' };

/** Oldest last. */
export const FAILURE_RUNS: FailureRun[] = [
  run(1, { ...nova, name: 'a', pipeline: 'check', change: 810001, patchset: 1, hoursAgo: 2, failing: ['broken', 'rebuild'] }),
  run(2, { ...nova, name: 'b', pipeline: 'gate', change: 810002, patchset: 3, hoursAgo: 20, failing: ['broken', 'bootActive', 'snapshotActive'] }),
  run(3, { ...nova, name: 'c1', pipeline: 'check', change: 810003, patchset: 1, hoursAgo: 30, failing: ['broken', 'shelve'] }),
  run(4, { ...nova, name: 'c2', pipeline: 'check', change: 810003, patchset: 2, hoursAgo: 40, failing: ['broken', 'shelve', 'resize'] }),
  run(5, { ...nova, name: 'd', pipeline: 'gate', change: 810004, patchset: 1, hoursAgo: 60, failing: ['broken', 'notFound'] }),
  run(6, { ...nova, name: 'e', pipeline: 'check', change: 810005, patchset: 2, hoursAgo: 100, failing: ['broken', 'notFound', 'rebuild'] }),
  run(7, { ...nova, name: 'p1', pipeline: 'periodic', change: null, patchset: null, hoursAgo: 26, failing: ['broken'] }),
  run(8, { ...nova, name: 'p2', pipeline: 'periodic', change: null, patchset: null, hoursAgo: 50, failing: ['broken'] }),
  run(9, {
    job: 'cinder-tempest-plugin-lvm',
    project: 'openstack/cinder',
    name: 'devstack',
    pipeline: 'check',
    change: 810006,
    patchset: 1,
    hoursAgo: 5,
    failing: [],
  }),
  run(10, { ...nova, name: 'old', pipeline: 'check', change: 810007, patchset: 4, hoursAgo: 9 * 24, failing: ['broken', 'resize'] }),
];

function tracebackFor(test: FailureTest, n: number): string {
  return readFileSync(join(TRACEBACKS, `${TRACEBACK_OF[test]}-${(n % 2) + 1}.txt`), 'utf8');
}

/** The run's subunit stream: its failing tests with their tracebacks, and a few passing ones. */
export function failureRunStream(r: FailureRun, n: number): Buffer {
  const tests: GeneratedTest[] = [
    ...PASSING.map((id) => ({ id, status: 'success' as const, seconds: 1 })),
    ...r.failing.map((t) => ({ id: FAILURE_TESTS[t], status: 'fail' as const, seconds: 2, traceback: tracebackFor(t, n) })),
  ];
  return generatedStream(tests);
}

/** The fake log server's `builds` for every run. */
export function failureRunBuilds(): Record<string, Buffer> {
  return Object.fromEntries(FAILURE_RUNS.map((r, i) => [r.logPath, failureRunStream(r, i)]));
}

/** What /scrape is sent for a run (its Entry), the build having ended `hoursAgo` before `now`. */
export function failureRunEntry(r: FailureRun, logsUrl: string, now = Date.now()) {
  return {
    url: logsUrl + r.logPath,
    name: r.job,
    pipeline: r.pipeline,
    change_id: r.change,
    revision: r.patchset,
    change_project: r.project,
    branch: r.branch,
    status: r.result,
    build_uuid: r.build,
    finished_at: new Date(now - r.hoursAgo * 3600 * 1000).toISOString(),
  };
}
