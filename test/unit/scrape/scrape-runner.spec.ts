import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { gunzipSync } from 'node:zlib';
import { QueryFailedError } from 'typeorm';
import type { JobEntry, StackVizFailure, StackVizStats, TaskScope } from '../../../src/api-shapes';
import type { ArtifactToStore } from '../../../src/artifacts/artifact-store';
import { HostList } from '../../../src/config/host-list';
import { TaskEntity } from '../../../src/database/entities';
import { jobEntry } from '../../../src/jobs/job-entry';
import { HandBackJobError, RetryableJobError, ScrapeJobHandlerRef } from '../../../src/queue/scrape-queue';
import { ArtifactFetcher } from '../../../src/fetch';
import { ScrapeRunner } from '../../../src/scrape/scrape-runner';
import { TaskEntries } from '../../../src/scrape/task-entries';
import { TaskFailureFeed } from '../../../src/tasks/task-failure-feed';
import { TaskLifecycle, TaskOutcome } from '../../../src/tasks/task-lifecycle';
import { TaskReader } from '../../../src/tasks/task-reader';
import { FakeLogServer, LogPathName, startFakeLogServer } from '../../fake-upstream/fake-logs';

/** Records what the runner asks of the task's lifecycle; `completeError` makes complete() fail. */
class RecordingLifecycle {
  stages: string[] = [];
  completed: { items: ArtifactToStore[]; outcome: TaskOutcome }[] = [];
  completeError: Error | null = null;

  async markRunning(_id: string, stage: string): Promise<boolean> {
    this.stages.push(stage);
    return true;
  }

  async complete(_id: string, items: ArtifactToStore[], outcome: TaskOutcome): Promise<boolean> {
    if (this.completeError) throw this.completeError;
    this.completed.push({ items, outcome });
    return true;
  }
}

/** Stands in for the worker's entry lookup: answers `entry` for every task and counts the lookups. */
class FixedEntries {
  entry: JobEntry | null = null;
  lookups = 0;

  async complete(): Promise<JobEntry | null> {
    this.lookups++;
    return this.entry;
  }
}

describe('ScrapeRunner (DI, real fetcher against the fake log server, recorded lifecycle)', () => {
  let logs: FakeLogServer;
  let runner: ScrapeRunner;
  let lifecycle: RecordingLifecycle;
  let entries: FixedEntries;
  let task: Partial<TaskEntity>;
  let stop: AbortController;
  let failureFeed: TaskFailureFeed;

  beforeAll(async () => {
    logs = await startFakeLogServer({ bombBytes: 8 * 1024 * 1024 });
  });
  afterAll(async () => {
    await logs.close();
  });

  beforeEach(async () => {
    lifecycle = new RecordingLifecycle();
    entries = new FixedEntries();
    const moduleRef = await Test.createTestingModule({
      providers: [
        ScrapeRunner,
        ScrapeJobHandlerRef,
        TaskFailureFeed,
        { provide: TaskEntries, useValue: entries },
        { provide: TaskLifecycle, useValue: lifecycle },
        { provide: TaskReader, useValue: { find: async () => task } },
        {
          provide: ArtifactFetcher,
          useValue: new ArtifactFetcher({ allowedHosts: new HostList([logs.host]), timeoutMs: 500, maxBytes: 4 * 1024 * 1024 }),
        },
      ],
    }).compile();
    await moduleRef.init();
    stop = new AbortController();
    runner = moduleRef.get(ScrapeRunner);
    failureFeed = moduleRef.get(TaskFailureFeed);
    expect(moduleRef.get(ScrapeJobHandlerRef).get()).toBe(runner);
  });

  const scrape = (name: LogPathName, opts: { ciStatus?: string | null; scope?: TaskScope; attempt?: number } = {}) => {
    task = {
      id: 'task-1',
      createdAt: new Date(),
      url: logs.logUrl(name),
      status: 'queued',
      ciStatus: opts.ciStatus === undefined ? 'SUCCESS' : opts.ciStatus,
      scope: opts.scope ?? 'full',
    };
    return runner.handle('task-1', opts.attempt ?? 1, 4, stop.signal);
  };
  const outcome = () => lifecycle.completed.at(-1)!.outcome;
  const stored = () => lifecycle.completed.at(-1)!.items.map((a) => [a.artifactType, a.artifactName, a.primary]);

  /** The three test-result artifacts stored from the report `name`, the first primary. */
  const testResults = (name: string) => [
    ['subunit', name, true],
    ['subunit-stats', name, false],
    ['subunit-details', name, false],
  ];

  it.each<[string, LogPathName, (string | boolean)[][]]>([
    [
      'the test results, console and dstat of a modern build, console not primary',
      'modern',
      [...testResults('testrepository.subunit'), ['console', 'job-output.txt', false], ['dstat', 'dstat-csv_log.txt', false]],
    ],
    [
      "today's devstack reports beside the tests: performance.json and the memory tracker's low points",
      'modernTempest',
      [
        ...testResults('testrepository.subunit'),
        ['console', 'job-output.txt', false],
        ['performance', 'performance.json', false],
        ['memory-tracker', 'screen-memory_tracker.txt', false],
      ],
    ],
    [
      "a JUnit report where there is no subunit stream, under the report's name",
      'junitOnly',
      [...testResults('test-results.xml'), ['console', 'job-output.txt', false]],
    ],
    [
      'an existing StackViz site where there is neither, under the names the site gave',
      'stackvizOnly',
      [
        ['dstat', 'dstat-0.8-tcmndrylpg.csv', false],
        ['subunit', 'stdin', true],
        ['subunit-details', 'stdin', false],
        ['subunit-stats', 'stdin', false],
        ['console', 'job-output.txt', false],
      ],
    ],
    ['the console as primary where there are no test results', 'consoleOnly', [['console', 'job-output.txt', true]]],
  ])('stores %s', async (_title, name, expected) => {
    await scrape(name);
    expect(outcome()).toEqual({ status: 'finished', message: null, warnings: [] });
    expect(stored()).toEqual(expected);
  });

  it('says what it is doing at each step', async () => {
    await scrape('modern');
    expect(lifecycle.stages).toEqual([
      'discovering artifacts',
      'fetching testrepository.subunit',
      'fetching job-output.txt',
      'fetching dstat-csv_log.txt',
      'storing artifacts',
    ]);
  });

  it("gives the console the build's result", async () => {
    await scrape('modernTempest', { ciStatus: 'FAILURE' });
    const console = lifecycle.completed.at(-1)!.items.find((a) => a.artifactType === 'console')!;
    expect(JSON.parse(gunzipSync(console.gzipped).toString())).toMatchObject({ status: 'FAILURE', remaining: null });
  });

  it('finishes without the optional reports that cannot be read, saying why', async () => {
    await scrape('brokenReports');
    expect(outcome().status).toBe('finished');
    expect(outcome().message).toMatch(
      /^performance\.json skipped: performance\.json is not JSON \(.*\); screen-memory_tracker\.txt skipped: screen-memory_tracker\.txt is not memory_tracker output/,
    );
    expect(outcome().warnings).toEqual(outcome().message!.split('; '));
    expect(stored().map(([type]) => type)).toEqual(['subunit', 'subunit-stats', 'subunit-details', 'console']);
  });

  it("feeds the subunit stream's failed tests to TaskFailureFeed before storing them, past a listener that throws", async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const heard: StackVizFailure[] = [];
    const heardFor = new Set<string>();
    let heardAtFinish = -1;
    failureFeed.add(() => {
      throw new Error('listener broke');
    });
    failureFeed.add((t, failures) => {
      heardFor.add(t.id);
      heard.push(...failures);
    });
    const complete = lifecycle.complete.bind(lifecycle);
    // as TaskLifecycle's finish does: the feed hands over what it holds before the finish's transaction
    lifecycle.complete = async (...args) => {
      await failureFeed.settled(args[0]);
      heardAtFinish = heard.length;
      return complete(...args);
    };
    let warnings: unknown[];
    try {
      await scrape('triageTempest');
    } finally {
      warnings = warned.mock.calls.map(([message]) => message);
      warned.mockRestore();
    }
    expect(outcome().status).toBe('finished');
    const stats = lifecycle.completed.at(-1)!.items.find((a) => a.artifactType === 'subunit-stats')!;
    const stored = JSON.parse(gunzipSync(stats.gzipped).toString()) as StackVizStats;
    expect(stored.failures).toHaveLength(38);
    expect(heard).toEqual(stored.failures);
    expect([...heardFor]).toEqual(['task-1']);
    expect(heardAtFinish).toBe(38);
    expect(warnings).toContain('a failure listener failed for task task-1: listener broke');
  });

  it('a tests-only task takes only the test results of a StackViz site', async () => {
    await scrape('stackvizOnly', { scope: 'tests' });
    expect(stored().map(([type]) => type)).toEqual(['subunit', 'subunit-details', 'subunit-stats']);
  });

  it('logs where the time went on the finish line', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      await scrape('modern');
      const finish = logged.mock.calls.map(([m]) => m).find((m) => typeof m === 'object' && /^finished/.test((m as { msg: string }).msg));
      const stages = (finish as { stages: Record<string, number> }).stages;
      expect(Object.keys(stages)).toEqual(
        expect.arrayContaining(['discovery', 'fetch', 'decode', 'encode', 'console', 'dstat', 'store', 'other', 'total']),
      );
      const sum = Object.entries(stages)
        .filter(([k]) => k !== 'total')
        .reduce((a, [, v]) => a + v, 0);
      expect(Math.abs(stages.total - sum)).toBeLessThanOrEqual(Object.keys(stages).length);
    } finally {
      logged.mockRestore();
    }
  });

  it('a tests-only task fetches the subunit stream and nothing else', async () => {
    const before = logs.requests.length;
    await scrape('modern', { scope: 'tests' });
    expect(stored().map(([type]) => type)).toEqual(['subunit', 'subunit-stats', 'subunit-details']);
    const base = logs.logUrl('modern').slice(logs.url.length);
    expect(logs.requests.slice(before).map((r) => `${r.method} ${r.path.slice(base.length)}`)).toEqual([
      'GET zuul-manifest.json',
      'GET testrepository.subunit',
    ]);
  });

  it('records the damage of a corrupt stream as warnings on a finished task', async () => {
    await scrape('corruptSubunit');
    expect(outcome().status).toBe('finished');
    expect(outcome().warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^testrepository\.subunit: damaged subunit data at byte \d+ \(bad CRC32/),
        expect.stringMatching(/^testrepository\.subunit: damaged subunit data at byte \d+ \(truncated packet/),
        'testrepository.subunit: 2 tests never finished (the stream may have been cut off)',
      ]),
    );
  });

  it('asks for a retry of a transient upstream failure while attempts remain', async () => {
    await expect(scrape('flakySubunit', { attempt: 1 })).rejects.toBeInstanceOf(RetryableJobError);
    expect(lifecycle.stages.at(-1)).toMatch(/^will retry: http:/);
    expect(lifecycle.completed).toEqual([]);
  });

  it('on the last attempt, skips an artifact that keeps failing and says why', async () => {
    await scrape('slowSubunit', { attempt: 4 });
    expect(outcome()).toMatchObject({
      status: 'finished',
      message: expect.stringMatching(/^testrepository\.subunit skipped: .*did not answer in time/),
    });
    expect(outcome().warnings).toEqual([outcome().message]);
    expect(stored()).toEqual([['console', 'job-output.txt', true]]);
  });

  it('hands the job back on a transient database error, even on its last attempt, instead of failing the task', async () => {
    const deadlock = new QueryFailedError('INSERT', [], Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' }));
    lifecycle.completeError = deadlock;
    const err = await scrape('consoleOnly', { attempt: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandBackJobError);
    expect(err).toMatchObject({ message: 'Deadlock found', delayMs: 5000 });
    expect(lifecycle.completed).toEqual([]);
  });

  it('hands the job back at once, storing nothing, when the worker stops it mid-download', async () => {
    const running = scrape('trickleSubunit');
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => lifecycle.stages.includes('fetching testrepository.subunit') && (clearInterval(poll), resolve()), 10);
    });
    stop.abort('the worker is shutting down');
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HandBackJobError);
    expect(err).toMatchObject({ message: 'the worker is shutting down', delayMs: 0 });
    expect(lifecycle.completed).toEqual([]);
    expect(lifecycle.stages.at(-1)).toBe('fetching testrepository.subunit'); // went no further
  });

  it('says from its /list entry whether a build posted without a result finished before calling its missing logs expired', async () => {
    entries.entry = jobEntry({
      name: 'tempest-full',
      status: 'SUCCESS',
      url: logs.logUrl('expired'),
      build_uuid: '9f9f9f9a0b1c4d2e8f3a4b5c6d7e8f90',
      finished_at: '2024-01-05T10:00:00.000Z',
    });
    await scrape('expired', { ciStatus: null });
    expect(outcome()).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /are gone \(404\).* \(Zuul says build 9f9f9f9a0b1c4d2e8f3a4b5c6d7e8f90 finished on 2024-01-05 with SUCCESS\)$/,
      ),
    });
    await scrape('expired', { ciStatus: 'SUCCESS' }); // the entry's result says it finished: nothing to add
    expect(outcome()).toMatchObject({ status: 'error', message: expect.stringMatching(/are gone \(404\).*expires\.?[^)]*$/) });
    expect(entries.lookups).toBe(2);
  });

  it('ends a crash in error rather than leaving the task running, and logs it with its stack', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    task = { id: 'task-1', createdAt: new Date(), url: 'not a url', status: 'queued', ciStatus: 'SUCCESS', scope: 'full' };
    await runner.handle('task-1', 1, 4, stop.signal);
    expect(outcome()).toMatchObject({ status: 'error', message: 'Invalid URL' });
    expect(logged).toHaveBeenCalledWith('scrape crashed: Invalid URL', expect.stringContaining('TypeError: Invalid URL'));
    logged.mockRestore();
  });
});
