/**
 * A fake CI log server for tests: a real HTTP server on 127.0.0.1 (port 0) serving fixture builds the
 * way logs.openstack.org (Apache autoindex) and OpenDev's Swift log storage serve them.
 *
 * Served builds (paths in LOG_PATHS; each is a job's log URL, ending in '/'):
 * - legacyTempest         Apache autoindex ([DIR] icons); console.html.gz, logs/testrepository.subunit.gz
 *                         (a real devstack-gate tempest run), logs/dstat-csv_log.txt.gz, plus noise.
 *                         `.gz` files are served raw as application/x-gzip.
 * - legacyTempestEncoded  the same layout, `.gz` files served with Content-Encoding: gzip and the plain
 *                         content type; the pre-2016 dstat name logs/dstat-csv.txt.gz; an old StackViz
 *                         site in logs/stackviz/ (data/config.json).
 * - readmeCinderTempest   the example build of the HTTPie session in docs/api.md (change 269624 ps 19, gate-tempest-dsvm-full/84f9b4a):
 *                         the legacyTempest tree at the path the fake Gerrit's Jenkins comment links.
 * - legacyUnit            a unit-test job: testrepository.subunit.gz (stestr failure run) at the root.
 * - jenkinsFailedStep     legacy, console.html.gz only (fixtures/console/console-timed-out.html): tempest's
 *                         FAILED lines in build step 3, then the build timed out; no line marks the step
 *                         failed, post-build scripts and `Finished: FAILURE` follow.
 * - unlisted              legacy layout without listings (folders answer 403): found only by probing.
 * - modern                Swift: zuul-manifest.json, a generated index.html in every folder (alt="[ ]"),
 *                         served for the folder URL too; plain names stored gzip and served with
 *                         Content-Encoding: gzip: job-output.txt, testrepository.subunit,
 *                         controller/logs/dstat-csv_log.txt, controller/logs/stackviz/data/config.json
 *                         (a build of the dstat years, before devstack wrote performance.json).
 * - modernTempest         today's devstack tempest build, served as modern (opaque log path): no dstat,
 *                         controller/logs/performance.json (get-stats.py) and
 *                         controller/logs/screen-memory_tracker.txt, both aligned with the tempest run.
 * - memoryTracker12h      modernTempest's tests with the memory tracker of a node whose date(1) prints a
 *                         12-hour clock (LC_TIME=en_US.UTF-8: `Fri Nov 27 11:42:20 AM UTC 2026`).
 * - memoryTrackerUnplaced modernTempest's tests with the memory tracker of a ja_JP node whose journal export
 *                         has no header: its 12 low points cannot be placed in time.
 * - brokenReports         modernTempest with a performance.json cut short and a memory tracker log that is
 *                         another service's journal: both optional, so the task still finishes.
 * - junitOnly             a pytest job served as modern: job-output.txt and a pytest --junitxml
 *                         test-results.xml (118 tests, 15 failures from 5 causes: logs-data/pytest-job/t.xml,
 *                         run `t` of data/pytest-job.ts), no subunit stream.
 * - junitUntimed          a tempest job served as modern: job-output.txt and a test-results.xml that
 *                         subunit2junitxml made of the triage run (durations only, no timestamps).
 * - stackvizOnly          served as modern: job-output.txt and a StackViz site made by stackviz-export
 *                         (controller/logs/stackviz/data/: config.json, stdin-0-{raw,details,stats}.json,
 *                         dstat.csv), no subunit stream.
 * - modernIndexOnly       Swift without a manifest; folder URLs 404, listings only at …/index.html and
 *                         folders linked as `name/index.html`; subunit of an all-skips run.
 * - consoleOnly           modern, job-output.txt but no subunit or dstat (a pep8 job).
 * - postFailure           modern, console only: nova-next (POST_FAILURE in the fake Zuul) whose post-run
 *                         task "fetch-output : Collect logs from nodes" fails (job-output-post-failure.txt).
 * - postFailureNoLogs     modern, a nova-next build (POST_FAILURE) whose log upload failed after zuul-info:
 *                         only zuul-info/ is there, nothing a scrape can read.
 * - triageTempest         modern: stestr-triage.subunit, 38 failures from 3 causes on 4 workers
 *                         (test/fixtures/stestr-triage-project), with the tempest job-output.txt.
 * - nothingUseful         autoindex with a few unrelated files (no subunit, no console).
 * - Builds neither the fake Zuul nor the fake Gerrit knows any more, logs still here (stestr failure run,
 *   console, zuul-info), in the layouts whose path names the job (docs/api.md, "Log URLs"):
 *   v3Periodic            Zuul v3's periodic/<host>/<org>/<repo>/<branch>/<job>/<hash>/, Swift.
 *   v3Post                Zuul v3's <sha[:2]>/<sha>/<pipeline>/<job>/<hash>/ (a post build), autoindex.
 *   v3Change              <change>/<ps>/<pipeline>/<job>/<hash>/ in Swift (the shard is not the change's:
 *                         not the legacy layout); the change, glance 970001, Gerrit still knows.
 *   legacyForgotten       the legacy layout, of a change Gerrit does not know (880077).
 *   (Their siblings with hash 0000000 are not here: 404.)
 * - expired               every path 404s, as after OpenDev's log expiry.
 * - movedBuild            every path 301s to the same path under legacyTempest (a redirect within the
 *                         allowed hosts).
 * - hostileBuild          every path 302s to the hostile server (a host outside ARTIFACT_HOSTS).
 * - hostileSubunit        modern build whose testrepository.subunit 302s to the hostile server.
 * - gzipBomb              modern build whose testrepository.subunit is a gzip bomb (`bombBytes`
 *                         decompressed, default 2 GiB) served with Content-Encoding: gzip.
 * - corruptSubunit        modern build whose testrepository.subunit has a flipped byte, non-subunit
 *                         text between packets and a truncated last packet.
 * - flakySubunit          modern build whose testrepository.subunit answers 503 to the first GET, then 200.
 * - slowSubunit           modern build whose testrepository.subunit never answers (for timeouts).
 * - trickleSubunit        modern build whose testrepository.subunit arrives in 20 slices over ~4 s (a
 *                         scrape that is still running when a test kills its worker).
 * - resetSubunit          modern build whose testrepository.subunit sends 200 and 4 KiB of its declared
 *                         length, then resets the connection (TCP RST), every time.
 * - diesMidBodySubunit    modern build whose testrepository.subunit sends 200 and a chunked body, then
 *                         the connection just closes without the final chunk (a backend dying behind
 *                         a proxy that already said 200), every time.
 * - slowLorisSubunit      modern build whose testrepository.subunit sends one byte a second, forever.
 * - gatedSubunit          small modern build (stestr failure run, console, dstat) whose
 *                         testrepository.subunit, of this build or any copy of it, waits while `hold()`
 *                         is on (`held()` counts the waiting requests) until `release()`: scrapes
 *                         reliably in flight while a test breaks something.
 * - any `builds` passed in: Swift builds like `modern` holding only the given subunit stream (or the
 *                         given test result files, e.g. a JUnit report), the console and zuul-info
 *                         (data/flaky-job.ts's and data/pytest-job.ts's runs, a bench's generated ones).
 *
 * The hostile server listens on 127.0.0.2 (its own host name), so allow only the fake's `host`
 * (`127.0.0.1:PORT`) in ARTIFACT_HOSTS; `hostileRequests` must stay empty.
 *
 * `logUrlCopy(name, n)` serves build `name` again under `/copy/<n>/…`: a distinct log URL (a task of
 * its own) with the same bytes. `latencyMs` delays every answer, as a distant log server would.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export const LOG_PATHS = {
  legacyTempest: '/26/271726/2/check/gate-tempest-dsvm-full/abc1234/',
  legacyTempestEncoded: '/26/271726/2/gate/gate-tempest-dsvm-full/def5678/',
  readmeCinderTempest: '/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/',
  legacyUnit: '/26/271726/2/check/gate-stackviz-python27/1b2c3d4/',
  jenkinsFailedStep: '/26/271726/2/check/gate-tempest-dsvm-neutron-full/9c4e2f1/',
  unlisted: '/26/271726/2/check/gate-tempest-dsvm-neutron-full/0a1b2c3/',
  modern: '/95/123456/3/check/tempest-full-py3/5f0c1a2/',
  modernIndexOnly: '/openstack/5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b/',
  modernTempest: '/openstack/8d7f3c2b1a0e4f5d9c8b7a6e5d4c3b2a/',
  brokenReports: '/openstack/2c3d4e5f6a7b4c8d9e0f1a2b3c4d5e6f/',
  memoryTracker12h: '/openstack/3e4f5a6b7c8d4e9fa0b1c2d3e4f5a6b7/',
  memoryTrackerUnplaced: '/openstack/4f5a6b7c8d9e4fa0b1c2d3e4f5a6b7c8/',
  junitOnly: '/78/345678/2/check/zuul-jobs-tox-pytest/9e8d7c6/',
  junitUntimed: '/56/123456/3/check/tempest-junit/2d4f6a8/',
  stackvizOnly: '/openstack/0b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5e/',
  consoleOnly: '/56/123456/3/check/openstack-tox-pep8/e09e821/',
  postFailure: '/56/123456/3/check/nova-next/a4b5c6d/',
  triageTempest: '/56/123456/3/check/tempest-triage/7a1a9e0/',
  postFailureNoLogs: '/56/123456/3/check/nova-next/b6c7d8e/',
  nothingUseful: '/26/271726/2/check/gate-stackviz-docs/0d0c5e1/',
  v3Periodic: '/periodic/opendev.org/openstack/nova/stable/2023.2/nova-tox-py38-oslo-master/a1b2c3d/',
  v3Post: '/5a/5a1b2c3d4e5f60718293a4b5c6d7e8f901234567/post/publish-openstack-releasenotes-python3/b2c3d4e/',
  v3Change: '/95/970001/1/check/openstack-tox-docs/c3d4e5f/',
  legacyForgotten: '/77/880077/2/gate/gate-nova-python27/d4e5f6a/',
  expired: '/12/100012/1/check/tempest-full/9f9f9f9/',
  movedBuild: '/moved/271726/abc1234/',
  hostileBuild: '/95/123456/3/check/tempest-hostile-build/bad0001/',
  hostileSubunit: '/95/123456/3/check/tempest-hostile-subunit/bad0002/',
  gzipBomb: '/95/123456/3/check/tempest-bomb/b0b0b0b/',
  corruptSubunit: '/95/123456/3/check/tempest-corrupt/c0c0c0c/',
  flakySubunit: '/95/123456/3/check/tempest-flaky/f1a2b3c/',
  slowSubunit: '/95/123456/3/check/tempest-slow/5107e00/',
  trickleSubunit: '/95/123456/3/check/tempest-trickle/7c1e000/',
  resetSubunit: '/95/123456/3/check/tempest-reset/4e5e700/',
  diesMidBodySubunit: '/95/123456/3/check/tempest-dies/d1e5000/',
  slowLorisSubunit: '/95/123456/3/check/tempest-slowloris/5105000/',
  gatedSubunit: '/95/123456/3/check/tempest-gated/9a7ed00/',
} as const;

export type LogPathName = keyof typeof LOG_PATHS;

/** A build's test results: its testrepository.subunit, or files by name (`{"test-results.xml": …}`). */
export type BuildResults = Buffer | Record<string, Buffer>;

export interface FakeLogServerOptions {
  /** Decompressed size of the gzip bomb (default 2 GiB). */
  bombBytes?: number;
  /** More builds, Swift-style like `modern`: log path (ending in `/`) → its testrepository.subunit, or its test result files by name. */
  builds?: Record<string, BuildResults>;
  /** Delay before every answer (default none). */
  latencyMs?: number;
}

export interface FakeLogServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT, the ARTIFACT_HOSTS entry for this server */
  host: string;
  /** The full log URL of a fixture build. */
  logUrl(name: LogPathName): string;
  /** The same build under a log URL of its own: copy `n`. */
  logUrlCopy(name: LogPathName, n: number): string;
  /** Every request, in order; `at` is when it arrived (ms since the epoch). */
  requests: { method: string; path: string; at: number }[];
  /** From now on, requests for gatedSubunit's testrepository.subunit (any copy) wait for release(). */
  hold(): void;
  release(): void;
  /** Requests waiting for release(). */
  held(): number;
  hostileUrl: string;
  hostileRequests: { method: string; path: string }[];
  close(): Promise<void>;
}

const DATA_DIR = join(__dirname, 'logs-data');
/** The parser tests' fixtures, served as found. */
const FIXTURES_DIR = join(__dirname, '..', 'fixtures');
const COPY_PREFIX = /^\/copy\/\d+(?=\/)/;
const MiB = 1024 * 1024;
const LAST_MODIFIED = new Date('2024-02-13T23:39:20Z');

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
/** plain: as is; gzip-raw: a .gz file as application/x-gzip; gzip-encoded: gzip on the wire, Content-Encoding: gzip */
type Serving = 'plain' | 'gzip-raw' | 'gzip-encoded';
type FileSpec = { data: Buffer; serve: Serving } | { handler: Handler };
/** none: folders answer 403, as Apache with `Options -Indexes` */
type ListingStyle = 'autoindex' | 'swift' | 'swift-index-links' | 'none';

interface Tree {
  listing: ListingStyle;
  manifest: boolean;
  files: Record<string, FileSpec>;
}

export async function startFakeLogServer(opts: FakeLogServerOptions = {}): Promise<FakeLogServer> {
  const hostile = await listen('127.0.0.2', (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('stolen'));
  let trees: Record<string, Tree> = {};
  const gate = new Gate();
  const main = await listen('127.0.0.1', (req, res) => {
    const path = requestPath(req);
    // Apache answers a path that does not decode with 400, as does Swift.
    if (path === null) return void res.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad Request</h1>');
    const answer = () => route(trees, path.replace(COPY_PREFIX, ''), req, res);
    if (opts.latencyMs) setTimeout(answer, opts.latencyMs);
    else answer();
  });
  trees = buildTrees({ hostileUrl: hostile.url, bombBytes: opts.bombBytes ?? 2048 * MiB, gate, builds: opts.builds ?? {} });
  return {
    url: main.url,
    host: new URL(main.url).host,
    logUrl: (name) => main.url + LOG_PATHS[name],
    logUrlCopy: (name, n) => `${main.url}/copy/${n}${LOG_PATHS[name]}`,
    requests: main.requests,
    hold: () => gate.close(),
    release: () => gate.open(),
    held: () => gate.waiting,
    hostileUrl: hostile.url,
    hostileRequests: hostile.requests,
    close: async () => {
      await Promise.all([main.close(), hostile.close()]);
    },
  };
}

/** Streams a gzip body of concatenated members that inflates to `bytes` zeros, using ~1 KiB of memory. */
export function streamGzipBomb(res: http.ServerResponse, bytes: number, headers: http.OutgoingHttpHeaders): void {
  const member = bombMember();
  let left = Math.ceil(bytes / MiB);
  res.writeHead(200, headers);
  if (res.req.method === 'HEAD') return void res.end();
  res.on('close', () => (left = 0));
  const pump = () => {
    while (left > 0) {
      left--;
      if (!res.write(member)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

let bombMemberCache: Buffer | undefined;
function bombMember(): Buffer {
  return (bombMemberCache ??= gzipSync(Buffer.alloc(MiB), { level: 9 }));
}

/** Holds callbacks while closed and runs them when opened. */
class Gate {
  private closed = false;
  private readonly held: (() => void)[] = [];

  get waiting(): number {
    return this.held.length;
  }

  pass(fn: () => void): void {
    if (this.closed) this.held.push(fn);
    else fn();
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.closed = false;
    for (const fn of this.held.splice(0)) fn();
  }
}

function buildTrees(ctx: {
  hostileUrl: string;
  bombBytes: number;
  gate: Gate;
  builds: Record<string, BuildResults>;
}): Record<string, Tree> {
  const data = (name: string) => readFileSync(join(DATA_DIR, name));
  const fixture = (...path: string[]) => readFileSync(join(FIXTURES_DIR, ...path));
  const tempestSubunit = gunzipSync(fixture('subunit', 'devstack-gate-tempest.subunit.gz'));
  const failureSubunit = fixture('subunit', 'stestr-failure.subunit');
  const jobOutput = data('job-output.txt');
  const consoleHtml = data('console.html');
  const dstat = data('dstat-tempest-aligned.csv'); // made by make-aligned-dstat.py from a real capture
  const stackvizConfig = Buffer.from(JSON.stringify({ deployer: false, tempest: [{ name: 'testrepository.subunit', details: true }] }));
  const noise = (text: string) => Buffer.from(text.repeat(20));
  const stackvizSite = Object.fromEntries(
    ['config.json', 'stdin-0-raw.json', 'stdin-0-details.json', 'stdin-0-stats.json', 'dstat.csv'].map((name) => [
      `controller/logs/stackviz/data/${name}`,
      { data: fixture('stackviz-site', 'data', name), serve: 'gzip-encoded' as const },
    ]),
  );

  const legacyTempest = (serve: Serving, dstatName: string, extra: Record<string, FileSpec> = {}): Tree => ({
    listing: 'autoindex',
    manifest: false,
    files: {
      'console.html.gz': { data: consoleHtml, serve },
      'logs/testrepository.subunit.gz': { data: tempestSubunit, serve },
      [`logs/${dstatName}`]: { data: dstat, serve },
      'logs/devstacklog.txt.gz': { data: noise('2016-02-09 01:05:00.000 | + ./stack.sh\n'), serve },
      'logs/syslog.txt.gz': { data: noise('Feb  9 01:02:03 devstack kernel: [    0.000000] Linux version 3.13.0\n'), serve },
      'logs/etc/nova/nova.conf.txt.gz': { data: noise('[DEFAULT]\ndebug = True\n'), serve },
      'logs/subunit_log.txt.gz': { data: noise('subunit output\n'), serve },
      ...extra,
    },
  });
  /** Today's Swift layout: the console, zuul-info, the subunit stream (none: `null`) and `extra`. */
  const swiftBuild = (subunit: FileSpec | null, extra: Record<string, FileSpec> = {}): Tree => ({
    listing: 'swift',
    manifest: true,
    files: {
      'job-output.txt': { data: jobOutput, serve: 'gzip-encoded' },
      'job-output.json': { data: Buffer.from('[{"phase": "pre", "playbook": "base/pre.yaml", "plays": []}]'), serve: 'gzip-encoded' },
      ...(subunit ? { 'testrepository.subunit': subunit } : {}),
      'zuul-info/inventory.yaml': { data: noise('all:\n  hosts:\n    controller: {}\n'), serve: 'gzip-encoded' },
      'zuul-info/zuul-info.controller.txt': { data: noise('Detailed node information\n'), serve: 'gzip-encoded' },
      ...extra,
    },
  });
  const encoded = (data: Buffer): FileSpec => ({ data, serve: 'gzip-encoded' });
  const redirectAll = (to: (rest: string) => string, status: number): Tree => ({
    listing: 'autoindex',
    manifest: false,
    files: { '*': { handler: (req, res) => res.writeHead(status, { location: to(req.url ?? '') }).end() } },
  });
  let flakyHits = 0;
  const forgottenUnit: Record<string, FileSpec> = {
    'console.html.gz': { data: consoleHtml, serve: 'gzip-raw' },
    'testrepository.subunit.gz': { data: failureSubunit, serve: 'gzip-raw' },
    'zuul-info/inventory.yaml': encoded(noise('all:\n  hosts:\n    ubuntu-bionic: {}\n')),
  };

  return {
    [LOG_PATHS.legacyTempest]: legacyTempest('gzip-raw', 'dstat-csv_log.txt.gz'),
    [LOG_PATHS.readmeCinderTempest]: legacyTempest('gzip-raw', 'dstat-csv_log.txt.gz'),
    [LOG_PATHS.legacyTempestEncoded]: legacyTempest('gzip-encoded', 'dstat-csv.txt.gz', {
      'logs/stackviz/index.html.gz': { data: Buffer.from('<html><body>StackViz</body></html>'), serve: 'gzip-encoded' },
      'logs/stackviz/data/config.json.gz': { data: stackvizConfig, serve: 'gzip-encoded' },
    }),
    [LOG_PATHS.legacyUnit]: {
      listing: 'autoindex',
      manifest: false,
      files: {
        'console.html.gz': { data: consoleHtml, serve: 'gzip-raw' },
        'testrepository.subunit.gz': { data: failureSubunit, serve: 'gzip-raw' },
        'subunit_log.txt.gz': { data: noise('subunit log\n'), serve: 'gzip-raw' },
        'tox/py27-1.log.txt': { data: noise('py27 create: /home/jenkins/workspace/.tox/py27\n'), serve: 'plain' },
      },
    },
    [LOG_PATHS.jenkinsFailedStep]: {
      listing: 'autoindex',
      manifest: false,
      files: {
        'console.html.gz': { data: fixture('console', 'console-timed-out.html'), serve: 'gzip-raw' },
        'logs/devstacklog.txt.gz': { data: noise('2016-03-08 09:12:09.000 | + ./stack.sh\n'), serve: 'gzip-raw' },
      },
    },
    [LOG_PATHS.unlisted]: { ...legacyTempest('gzip-raw', 'dstat-csv_log.txt.gz'), listing: 'none' },
    [LOG_PATHS.modern]: swiftBuild(encoded(tempestSubunit), {
      'controller/logs/dstat-csv_log.txt': encoded(dstat),
      'controller/logs/devstacklog.txt': encoded(noise('2024-02-13 22:05:00.000 | + ./stack.sh\n')),
      'controller/logs/stackviz/index.html': encoded(Buffer.from('<html><body>StackViz</body></html>')),
      'controller/logs/stackviz/data/config.json': encoded(stackvizConfig),
    }),
    [LOG_PATHS.modernTempest]: swiftBuild(encoded(tempestSubunit), {
      'controller/logs/devstacklog.txt': encoded(noise('2016-06-28 13:20:35.000 | + ./stack.sh\n')),
      'controller/logs/performance.json': encoded(fixture('performance', 'performance.json')),
      'controller/logs/screen-memory_tracker.txt': encoded(fixture('memory-tracker', 'screen-memory_tracker.txt')),
      'controller/logs/screen-n-api.txt': encoded(
        noise('Jun 28 13:40:01.000000 host devstack@n-api.service[5530]: INFO nova.api.openstack.requestlog\n'),
      ),
    }),
    [LOG_PATHS.memoryTracker12h]: swiftBuild(encoded(tempestSubunit), {
      'controller/logs/screen-memory_tracker.txt': encoded(fixture('memory-tracker', 'screen-memory_tracker-en_US.txt')),
    }),
    [LOG_PATHS.memoryTrackerUnplaced]: swiftBuild(encoded(tempestSubunit), {
      'controller/logs/screen-memory_tracker.txt': encoded(fixture('memory-tracker', 'screen-memory_tracker-ja_JP.txt')),
    }),
    [LOG_PATHS.brokenReports]: swiftBuild(encoded(tempestSubunit), {
      'controller/logs/performance.json': encoded(fixture('performance', 'performance.json').subarray(0, 1000)),
      'controller/logs/screen-memory_tracker.txt': encoded(noise('Jun 28 13:40:01.000000 host memory_tracker.sh[4012]: starting\n')),
    }),
    [LOG_PATHS.junitOnly]: swiftBuild(null, {
      'test-results.xml': encoded(data('pytest-job/t.xml')),
      'tox/py311-1.log': encoded(noise('py311 run-test: commands[0] | pytest --junitxml=test-results.xml\n')),
    }),
    [LOG_PATHS.junitUntimed]: swiftBuild(null, { 'test-results.xml': encoded(data('stestr-triage-results.xml')) }),
    [LOG_PATHS.stackvizOnly]: {
      listing: 'swift',
      manifest: true,
      files: {
        'job-output.txt': encoded(jobOutput),
        'controller/logs/stackviz/index.html': encoded(Buffer.from('<html><body>StackViz</body></html>')),
        ...stackvizSite,
        'zuul-info/inventory.yaml': encoded(noise('all:\n  hosts:\n    controller: {}\n')),
      },
    },
    [LOG_PATHS.modernIndexOnly]: {
      listing: 'swift-index-links',
      manifest: false,
      files: {
        'job-output.txt': encoded(jobOutput),
        'testrepository.subunit': encoded(fixture('subunit', 'stestr-all-skips.subunit')),
        'controller/logs/dstat-csv_log.txt': encoded(dstat),
        'controller/logs/syslog.txt': encoded(noise('Feb 13 22:01:02 controller systemd[1]: Started.\n')),
        'zuul-info/inventory.yaml': encoded(noise('all:\n  hosts:\n    controller: {}\n')),
      },
    },
    [LOG_PATHS.v3Periodic]: swiftBuild(encoded(failureSubunit)),
    [LOG_PATHS.v3Post]: { listing: 'autoindex', manifest: false, files: forgottenUnit },
    [LOG_PATHS.v3Change]: swiftBuild(encoded(failureSubunit)),
    [LOG_PATHS.legacyForgotten]: { listing: 'autoindex', manifest: false, files: forgottenUnit },
    [LOG_PATHS.consoleOnly]: {
      listing: 'swift',
      manifest: true,
      files: {
        'job-output.txt': encoded(jobOutput),
        'job-output.json': encoded(Buffer.from('[]')),
        'zuul-info/inventory.yaml': encoded(noise('all:\n  hosts:\n    ubuntu-jammy: {}\n')),
        'tox/pep8-1.log': encoded(noise('pep8 run-test: commands[0] | flake8\n')),
      },
    },
    [LOG_PATHS.postFailure]: {
      listing: 'swift',
      manifest: true,
      files: {
        'job-output.txt': encoded(data('job-output-post-failure.txt')),
        'zuul-info/inventory.yaml': encoded(noise('all:\n  hosts:\n    controller: {}\n')),
      },
    },
    [LOG_PATHS.postFailureNoLogs]: {
      listing: 'swift',
      manifest: true,
      files: {
        'zuul-info/inventory.yaml': encoded(noise('all:\n  hosts:\n    controller: {}\n')),
        'zuul-info/zuul-info.controller.txt': encoded(noise('Detailed node information\n')),
        'zuul-info/host-info.controller.yaml': encoded(noise('ansible_distribution: Ubuntu\n')),
      },
    },
    [LOG_PATHS.triageTempest]: swiftBuild(encoded(data('stestr-triage.subunit'))),
    [LOG_PATHS.nothingUseful]: {
      listing: 'autoindex',
      manifest: false,
      files: {
        'zuul-info/inventory.yaml': { data: noise('all: {}\n'), serve: 'plain' },
        'logs/syslog.txt.gz': { data: noise('Feb  9 01:02:03 host kernel: booting\n'), serve: 'gzip-raw' },
        'README.txt': { data: Buffer.from('docs build output\n'), serve: 'plain' },
      },
    },
    [LOG_PATHS.movedBuild]: redirectAll((url) => LOG_PATHS.legacyTempest + url.slice(LOG_PATHS.movedBuild.length), 301),
    [LOG_PATHS.hostileBuild]: redirectAll((url) => ctx.hostileUrl + url, 302),
    [LOG_PATHS.hostileSubunit]: swiftBuild({
      handler: (_req, res) => res.writeHead(302, { location: `${ctx.hostileUrl}/stolen/testrepository.subunit` }).end(),
    }),
    [LOG_PATHS.gzipBomb]: swiftBuild({
      handler: (_req, res) =>
        streamGzipBomb(res, ctx.bombBytes, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' }),
    }),
    [LOG_PATHS.corruptSubunit]: swiftBuild(encoded(corruptSubunit(failureSubunit))),
    [LOG_PATHS.flakySubunit]: swiftBuild({
      handler: (req, res) => {
        if (req.method === 'GET' && flakyHits++ === 0) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
        sendFile(req, res, 'testrepository.subunit', { data: failureSubunit, serve: 'gzip-encoded' });
      },
    }),
    [LOG_PATHS.slowSubunit]: swiftBuild({ handler: () => undefined }),
    [LOG_PATHS.trickleSubunit]: swiftBuild({ handler: (req, res) => trickle(req, res, failureSubunit, 20, 200) }),
    [LOG_PATHS.resetSubunit]: swiftBuild({
      handler: (req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': failureSubunit.length });
        if (req.method === 'HEAD') return void res.end();
        res.write(failureSubunit.subarray(0, 4096), () => req.socket.resetAndDestroy());
      },
    }),
    [LOG_PATHS.diesMidBodySubunit]: swiftBuild({
      handler: (req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked
        if (req.method === 'HEAD') return void res.end();
        res.write(failureSubunit.subarray(0, 4096), () => req.socket.destroy());
      },
    }),
    [LOG_PATHS.slowLorisSubunit]: swiftBuild({
      handler: (req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        if (req.method === 'HEAD') return void res.end();
        let sent = 0;
        const timer = setInterval(() => res.write(failureSubunit.subarray(sent, ++sent)), 1000);
        res.on('close', () => clearInterval(timer));
      },
    }),
    [LOG_PATHS.gatedSubunit]: swiftBuild(
      {
        handler: (req, res) =>
          ctx.gate.pass(() => sendFile(req, res, 'testrepository.subunit', { data: failureSubunit, serve: 'gzip-encoded' })),
      },
      { 'controller/logs/dstat-csv_log.txt': encoded(dstat) },
    ),
    ...Object.fromEntries(
      Object.entries(ctx.builds).map(([path, results]) => [
        path,
        Buffer.isBuffer(results)
          ? swiftBuild(encoded(results))
          : swiftBuild(null, Object.fromEntries(Object.entries(results).map(([name, bytes]) => [name, encoded(bytes)]))),
      ]),
    ),
  };
}

/** Sends `data` in `slices` pieces, one every `everyMs`, stopping if the client goes away. */
function trickle(req: http.IncomingMessage, res: http.ServerResponse, data: Buffer, slices: number, everyMs: number): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': data.length });
  if (req.method === 'HEAD') return void res.end();
  const size = Math.ceil(data.length / slices);
  let sent = 0;
  const timer = setInterval(() => {
    res.write(data.subarray(sent, sent + size));
    sent += size;
    if (sent >= data.length) {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

/** stestr's failure run with a flipped byte (bad CRC), non-subunit text between packets, a truncated end. */
function corruptSubunit(good: Buffer): Buffer {
  const head = Buffer.from(good.subarray(0, Math.floor(good.length * 0.4)));
  head[Math.floor(head.length / 2)] ^= 0xff;
  const text = Buffer.from('Traceback (most recent call last):\n  this is not a subunit packet\n');
  return Buffer.concat([head, text, good.subarray(Math.floor(good.length * 0.4), good.length - 7)]);
}

function route(trees: Record<string, Tree>, path: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const root = Object.keys(trees).find((r) => path.startsWith(r) || path === r.slice(0, -1));
  if (!root) return notFound(res);
  const tree = trees[root];
  if (tree.files['*'] && 'handler' in tree.files['*']) return tree.files['*'].handler(req, res);
  if (path === root.slice(0, -1)) return tree.listing === 'autoindex' ? redirect(res, root) : notFound(res);
  const rel = path.slice(root.length);
  const file = tree.files[rel];
  if (file) return 'handler' in file ? file.handler(req, res) : sendFile(req, res, rel, file);
  if (tree.manifest && rel === 'zuul-manifest.json') {
    return send(req, res, 200, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(manifestOf(tree))));
  }
  const dirs = dirsOf(tree);
  if (tree.listing === 'none') {
    return dirs.has(rel) ? void res.writeHead(403, { 'content-type': 'text/html' }).end('<h1>Forbidden</h1>') : notFound(res);
  }
  if (tree.listing === 'autoindex') {
    if (dirs.has(rel)) return send(req, res, 200, { 'content-type': 'text/html;charset=UTF-8' }, autoindexHtml(path, tree, rel));
    if (dirs.has(rel + '/')) return redirect(res, path + '/');
    return notFound(res);
  }
  const indexDir = rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : tree.listing === 'swift' ? rel : null;
  if (indexDir !== null && dirs.has(indexDir)) {
    return send(req, res, 200, { 'content-type': 'text/html' }, swiftIndexHtml(tree, indexDir));
  }
  notFound(res);
}

function requestPath(req: http.IncomingMessage): string | null {
  try {
    return decodeURIComponent((req.url ?? '/').split('?')[0]);
  } catch {
    return null;
  }
}

/** A log server compresses an object once, when it is uploaded: so does the fake, on first request. */
const compressed = new WeakMap<Buffer, Buffer>();
function gzipOnce(data: Buffer): Buffer {
  let gz = compressed.get(data);
  if (!gz) compressed.set(data, (gz = gzipSync(data)));
  return gz;
}

function sendFile(req: http.IncomingMessage, res: http.ServerResponse, rel: string, file: { data: Buffer; serve: Serving }): void {
  const plainName = rel.replace(/\.gz$/, '');
  if (file.serve === 'plain') return send(req, res, 200, { 'content-type': contentTypeOf(rel) }, file.data);
  const gz = gzipOnce(file.data);
  if (file.serve === 'gzip-raw') return send(req, res, 200, { 'content-type': 'application/x-gzip' }, gz);
  send(req, res, 200, { 'content-type': contentTypeOf(plainName), 'content-encoding': 'gzip' }, gz);
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': body.length, 'last-modified': LAST_MODIFIED.toUTCString() });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function redirect(res: http.ServerResponse, location: string): void {
  res.writeHead(301, { location, 'content-type': 'text/html' }).end(`<p>The document has moved <a href="${location}">here</a>.</p>`);
}

function notFound(res: http.ServerResponse): void {
  res
    .writeHead(404, { 'content-type': 'text/html; charset=iso-8859-1' })
    .end(
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n',
    );
}

function contentTypeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1);
  return (
    { txt: 'text/plain', log: 'text/plain', yaml: 'text/plain', html: 'text/html', json: 'application/json', csv: 'text/csv' }[ext] ??
    'application/octet-stream'
  );
}

/** Every folder of the tree ('' for the root, else 'a/b/'). */
function dirsOf(tree: Tree): Set<string> {
  const dirs = new Set(['']);
  for (const path of Object.keys(tree.files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/') + '/');
  }
  return dirs;
}

/** The immediate children of folder `dir`: [name, isDir, file], sorted as the servers sort them. */
function childrenOf(tree: Tree, dir: string): { name: string; isDir: boolean; file?: FileSpec }[] {
  const seen = new Map<string, { name: string; isDir: boolean; file?: FileSpec }>();
  for (const [path, file] of Object.entries(tree.files)) {
    if (!path.startsWith(dir)) continue;
    const rest = path.slice(dir.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (!seen.has(name)) seen.set(name, slash < 0 ? { name, isDir: false, file } : { name, isDir: true });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function sizeOf(file: FileSpec | undefined): number {
  return file && 'data' in file ? file.data.length : 0;
}

/** What zuul-jobs' generate-zuul-manifest writes. */
function manifestOf(tree: Tree): { tree: unknown[]; index_links: boolean } {
  const node = (dir: string): unknown[] =>
    childrenOf(tree, dir).map((c) =>
      c.isDir
        ? {
            name: c.name,
            mimetype: 'application/directory',
            encoding: null,
            last_modified: LAST_MODIFIED.getTime() / 1000,
            size: 4096,
            children: node(`${dir}${c.name}/`),
          }
        : {
            name: c.name,
            mimetype: contentTypeOf(c.name.replace(/\.gz$/, '')),
            encoding: c.name.endsWith('.gz') ? 'gzip' : null,
            last_modified: LAST_MODIFIED.getTime() / 1000,
            size: sizeOf(c.file),
          },
    );
  return { tree: node(''), index_links: false };
}

/** Apache 2.4 mod_autoindex with FancyIndexing and HTMLTable, as logs.openstack.org served it. */
function autoindexHtml(path: string, tree: Tree, dir: string): Buffer {
  const title = `Index of ${path.replace(/\/$/, '')}`;
  const parent = path.replace(/[^/]+\/$/, '');
  const rows = childrenOf(tree, dir).map((c) => {
    const href = encodeURIComponent(c.name) + (c.isDir ? '/' : '');
    const [icon, alt] = c.isDir ? ['folder.gif', '[DIR]'] : c.name.endsWith('.txt') ? ['text.gif', '[TXT]'] : ['unknown.gif', '[   ]'];
    const size = c.isDir ? '  - ' : `${(sizeOf(c.file) / 1024).toFixed(1)}K`;
    return `<tr><td valign="top"><img src="/icons/${icon}" alt="${alt}"></td><td><a href="${href}">${c.name}${c.isDir ? '/' : ''}</a></td><td align="right">2016-02-09 02:39  </td><td align="right">${size}</td><td>&nbsp;</td></tr>`;
  });
  return Buffer.from(
    [
      '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">',
      '<html>',
      ` <head>\n  <title>${title}</title>\n </head>`,
      ' <body>',
      `<h1>${title}</h1>`,
      '  <table>',
      '   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>',
      '   <tr><th colspan="5"><hr></th></tr>',
      `<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="${parent}">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>`,
      ...rows,
      '   <tr><th colspan="5"><hr></th></tr>',
      '</table>',
      '<address>Apache/2.4.7 (Ubuntu) Server at logs.openstack.org Port 80</address>',
      '</body></html>',
      '',
    ].join('\n'),
  );
}

/** The index.html zuul-jobs' log upload writes into every Swift folder. */
function swiftIndexHtml(tree: Tree, dir: string): Buffer {
  const indexLinks = tree.listing === 'swift-index-links';
  const title = `Index of ${dir.replace(/\/$/, '')}`;
  const entries = [...(dir ? [{ name: '..', isDir: true, file: undefined }] : []), ...childrenOf(tree, dir)];
  let out = `<html><head><title>${title}</title></head><body>\n<h1>${title}</h1>\n`;
  out += '<table><tr><th></th><th>Name</th><th>Last Modified</th><th>Size</th></tr>';
  for (const c of entries) {
    const mimetype = c.isDir ? 'application/directory' : contentTypeOf(c.name);
    const label = c.isDir ? `${c.name}/` : c.name;
    const href = c.isDir && indexLinks ? `${c.name}/index.html` : label;
    out += `<tr><td><img alt="[ ]" title="${mimetype}" src="data:image/png;base64,iVBORw0KGgo="></img></td>`;
    out += `<td><a href="${href}">${label}</a></td><td>${LAST_MODIFIED.toUTCString()}</td>`;
    out += `<td style="text-align: right">${c.isDir ? '4.0K' : `${(sizeOf(c.file) / 1024).toFixed(1)}K`}</td></tr>\n`;
  }
  out += '</table></body></html>\n';
  return Buffer.from(out);
}

async function listen(
  host: string,
  handler: Handler,
): Promise<{ url: string; requests: { method: string; path: string; at: number }[]; close(): Promise<void> }> {
  const requests: { method: string; path: string; at: number }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: requestPath(req) ?? req.url ?? '/', at: Date.now() });
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
