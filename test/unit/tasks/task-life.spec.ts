import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StuckTaskRepair } from '../../../src/cleanup/stuck-task-repair';
import { ConfigModule } from '../../../src/config/config.module';
import { loadConfig } from '../../../src/config/load-config';
import { DatabaseModule } from '../../../src/database/database.module';
import { QueueUnavailableError, SCRAPE_QUEUE, ScrapeQueue } from '../../../src/queue/scrape-queue';
import { TaskEndHooks } from '../../../src/tasks/task-end-hooks';
import { TaskLifecycle } from '../../../src/tasks/task-lifecycle';
import { TasksModule } from '../../../src/tasks/tasks.module';
import { TasksService } from '../../../src/tasks/tasks.service';

/** A queue that records what it is given; `down` makes it refuse like Redis being away. */
class RecordingQueue implements ScrapeQueue {
  enqueued: string[] = [];
  pending = new Set<string>();
  down = false;
  async enqueue(id: string): Promise<void> {
    if (this.down) throw new QueueUnavailableError('the job queue (Redis) is unavailable');
    this.enqueued.push(id);
    this.pending.add(id);
  }
  async hasJob(id: string): Promise<boolean> {
    return this.pending.has(id);
  }
  async ping(): Promise<void> {}
}

const fields = (url: string) => ({
  change_id: 271726,
  change_project: 'openstack/stackviz',
  change_subject: null,
  ci_username: 'zuul',
  name: 'tempest-full-py3',
  pipeline: 'check',
  revision: 2,
  status: 'FAILURE',
  url,
  build_uuid: null,
  voting: true,
  duration: 12.5,
  finished_at: null,
  branch: null,
});

/** The tasks module and StuckTaskRepair on a migrated in-memory SQLite database, with a recording queue. */
describe('task life on an in-memory database (DI)', () => {
  let moduleRef: TestingModule;
  let ds: DataSource;
  let queue: RecordingQueue;
  let tasks: TasksService;
  let lifecycle: TaskLifecycle;

  beforeEach(async () => {
    queue = new RecordingQueue();
    const config = { ...loadConfig({ DATABASE_URL: 'sqlite::memory:' }, []), stuckAfterMs: 60_000 };
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule, TasksModule.forRoot(config)],
      providers: [StuckTaskRepair],
    })
      .overrideProvider(SCRAPE_QUEUE)
      .useValue(queue)
      .compile();
    ds = moduleRef.get(getDataSourceToken());
    tasks = moduleRef.get(TasksService);
    lifecycle = moduleRef.get(TaskLifecycle);
  });
  afterEach(() => moduleRef.close());

  const row = async (id: string) =>
    (await ds.query('SELECT status, dedup_key, requeues, message, warnings, retryable FROM tasks WHERE id = ?', [id]))[0];
  const age = (id: string, ms: number) =>
    ds.query(`UPDATE tasks SET updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now', ?) WHERE id = ?`, [`-${ms / 1000} seconds`, id]);

  it('creates and enqueues one task per url and scope; a tests-only scrape of the same url is another task', async () => {
    const first = await tasks.createOrReuse(fields('http://logs.test/a/'));
    const again = await tasks.createOrReuse(fields('http://logs.test/a/'));
    const testsOnly = await tasks.createOrReuse(fields('http://logs.test/a/'), 'tests');
    expect([first.created, again.created, testsOnly.created]).toEqual([true, false, true]);
    expect(again.task.id).toBe(first.task.id);
    expect(testsOnly.task.id).not.toBe(first.task.id);
    expect(queue.enqueued).toEqual([first.task.id, testsOnly.task.id]);
  });

  it('for test results only, reuses the live task of the url in either scope, else makes a tests-only one', async () => {
    const full = await tasks.createOrReuse(fields('http://logs.test/full/'));
    const reused = await tasks.createOrReuseBehindFull(fields('http://logs.test/full/'), 'tests');
    expect(reused).toMatchObject({ created: false, task: { id: full.task.id, scope: 'full' } });
    const testsOnly = await tasks.createOrReuseBehindFull(fields('http://logs.test/new/'), 'tests');
    expect(testsOnly).toMatchObject({ created: true, task: { scope: 'tests' } });
    expect((await tasks.createOrReuseBehindFull(fields('http://logs.test/new/'), 'tests')).task.id).toBe(testsOnly.task.id);
  });

  it('runs the end hooks once per task that ends, by complete() or fail(), after the status is written', async () => {
    const ended: [string, string][] = [];
    moduleRef.get(TaskEndHooks).add(async (id) => {
      ended.push([id, (await row(id)).status]);
    });
    moduleRef.get(TaskEndHooks).add(async () => {
      throw new Error('a broken hook is logged, not thrown');
    });
    const done = (await tasks.createOrReuse(fields('http://logs.test/hook-done/'))).task.id;
    const failed = (await tasks.createOrReuse(fields('http://logs.test/hook-failed/'))).task.id;
    await lifecycle.markRunning(done, 'fetching');
    expect(await lifecycle.complete(done, [], { status: 'finished', message: null, warnings: [] })).toBe(true);
    expect(await lifecycle.complete(done, [], { status: 'error', message: 'late', warnings: [] })).toBe(false);
    expect(await lifecycle.fail(failed, 'logs expired', false)).toBe(true);
    expect(await lifecycle.fail(failed, 'again', false)).toBe(false);
    expect(ended).toEqual([
      [done, 'finished'],
      [failed, 'error'],
    ]);
  });

  it('leaves nothing behind when the queue refuses the job, and answers 503', async () => {
    queue.down = true;
    await expect(tasks.createOrReuse(fields('http://logs.test/b/'))).rejects.toMatchObject({ status: 503 });
    expect(await ds.query('SELECT COUNT(*) AS n FROM tasks')).toEqual([{ n: 0 }]);
  });

  it('moves a task through its life once: a late writer changes nothing', async () => {
    const { task } = await tasks.createOrReuse(fields('http://logs.test/c/'));
    expect(await lifecycle.markRunning(task.id, 'fetching')).toBe(true);
    expect(await lifecycle.complete(task.id, [], { status: 'finished', message: null, warnings: ['w'] })).toBe(true);
    expect(await lifecycle.complete(task.id, [], { status: 'error', message: 'late', warnings: [] })).toBe(false);
    expect(await lifecycle.markRunning(task.id, 'woke up')).toBe(false);
    expect(await lifecycle.requeue(task.id)).toBe(false);
    expect(await row(task.id)).toMatchObject({ status: 'finished', warnings: '["w"]', message: null });
  });

  it('an errored task gives its url back: the next scrape of it is a new task', async () => {
    const { task } = await tasks.createOrReuse(fields('http://logs.test/d/'));
    await lifecycle.markRunning(task.id, 'fetching');
    expect(await lifecycle.fail(task.id, 'logs expired', false)).toBe(true);
    expect(await row(task.id)).toMatchObject({ status: 'error', dedup_key: null, message: 'logs expired', retryable: 0 });
    const retry = await tasks.createOrReuse(fields('http://logs.test/d/'));
    expect(retry.created).toBe(true);
  });

  it('stuck-task repair re-queues a silent running task once, then fails it; a live one is left alone', async () => {
    const repair = moduleRef.get(StuckTaskRepair);
    const stuck = (await tasks.createOrReuse(fields('http://logs.test/stuck/'))).task.id;
    const live = (await tasks.createOrReuse(fields('http://logs.test/live/'))).task.id;
    await lifecycle.markRunning(stuck, 'fetching');
    await lifecycle.markRunning(live, 'fetching');
    await age(stuck, 120_000);
    queue.enqueued = [];
    queue.pending = new Set([live]);

    expect(await repair.repair()).toEqual({ requeued: 1, failed: 0, orphansRequeued: 0 });
    expect(queue.enqueued).toEqual([stuck]);
    expect(await row(stuck)).toMatchObject({ status: 'queued', requeues: 1 });

    await lifecycle.markRunning(stuck, 'fetching again');
    await age(stuck, 120_000);
    expect(await repair.repair()).toEqual({ requeued: 0, failed: 1, orphansRequeued: 0 });
    expect(await row(stuck)).toMatchObject({
      status: 'error',
      dedup_key: null,
      message: expect.stringMatching(/^stuck twice with no progress/),
      retryable: 1, // a later scrape, on a healthy worker, may finish it
    });
    expect(await row(live)).toMatchObject({ status: 'running', requeues: 0 });
  });

  it('requeue puts a running task back in the queue and enqueues it; an ended task stays as it is', async () => {
    const lost = (await tasks.createOrReuse(fields('http://logs.test/lost/'))).task.id;
    const ended = (await tasks.createOrReuse(fields('http://logs.test/ended/'))).task.id;
    await lifecycle.markRunning(lost, 'fetching');
    await lifecycle.markRunning(ended, 'fetching');
    await lifecycle.complete(ended, [], { status: 'finished', message: null, warnings: [] });
    queue.enqueued = [];
    expect(await tasks.requeue(lost)).toBe(true);
    expect(await tasks.requeue(ended)).toBe(false);
    expect(queue.enqueued).toEqual([lost]);
    expect(await row(lost)).toMatchObject({ status: 'queued', requeues: 0 });
    expect(await row(ended)).toMatchObject({ status: 'finished' });
  });

  it('re-enqueues queued tasks that lost their job, and running ones only when asked', async () => {
    const queued = (await tasks.createOrReuse(fields('http://logs.test/q/'))).task.id;
    const running = (await tasks.createOrReuse(fields('http://logs.test/r/'))).task.id;
    const fine = (await tasks.createOrReuse(fields('http://logs.test/f/'))).task.id;
    await lifecycle.markRunning(running, 'fetching');
    queue.enqueued = [];
    queue.pending = new Set([fine]);
    expect(await tasks.requeueOrphans({ includeRunning: false })).toBe(1);
    expect(queue.enqueued).toEqual([queued]);
    // the queued one has its job now; the running one lost it with its process
    expect(await tasks.requeueOrphans({ includeRunning: true })).toBe(1);
    expect(queue.enqueued).toEqual([queued, running]);
    expect(await row(running)).toMatchObject({ status: 'queued' });
  });
});
