import { Logger } from '@nestjs/common';
import { ArtifactEntity } from '../../src/database/entities';
import { TaskEndHooks } from '../../src/tasks/task-end-hooks';
import { TaskFinishHooks } from '../../src/tasks/task-finish-hooks';
import { FakeLogServer, LogPathName, startFakeLogServer } from '../fake-upstream/fake-logs';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';
import { until } from './watch-world';

/** A table of the test's own, written by a real finish hook through the transaction it is given. */
const RECORDS = 'finish_hook_records';

describe(`task finish hooks (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let s: BootedApp;
  /** Log URLs whose finish the second hook refuses. */
  const refuse = new Set<string>();
  /** Log URLs whose finish the second hook holds (before refusing, if it does) until the test lets it go on. */
  const held = new Map<string, { entered: () => void; letGo: Promise<void> }>();
  /** Per task, its status as read from outside the finish's transaction by the first hook's after-commit work. */
  const afterCommit = new Map<string, string>();
  /** What ran after each commit, in order: the hooks' after-commit work, then the end hooks. */
  const ranAfter: string[] = [];
  const warned = jest.spyOn(Logger.prototype, 'warn');

  beforeAll(async () => {
    logs = await startFakeLogServer();
    s = await bootApp({ ARTIFACT_HOSTS: logs.host });
    await s.dataSource.query(`DROP TABLE IF EXISTS ${RECORDS}`);
    await s.dataSource.query(
      `CREATE TABLE ${RECORDS} (task_id char(36) NOT NULL, status varchar(16) NOT NULL, stored int NOT NULL, given int NOT NULL)`,
    );
    const hooks = s.app.get(TaskFinishHooks);
    hooks.add(async ({ manager, task, artifacts, afterCommit: later }) => {
      const stored = await manager.countBy(ArtifactEntity, { taskId: task.id });
      await manager.query(`INSERT INTO ${RECORDS} (task_id, status, stored, given) VALUES (?, ?, ?, ?)`, [
        task.id,
        task.status,
        stored,
        artifacts.length,
      ]);
      later(async () => {
        const [{ status }] = await s.dataSource.query('SELECT status FROM tasks WHERE id = ?', [task.id]);
        afterCommit.set(task.id, status);
        ranAfter.push(`after-commit ${task.id}`);
      });
      later(() => {
        throw new Error('a failing after-commit work is logged, not thrown');
      });
    });
    s.app.get(TaskEndHooks).add(async (taskId) => void ranAfter.push(`ended ${taskId}`));
    hooks.add(async ({ task }) => {
      const hold = held.get(task.url);
      if (hold) {
        hold.entered();
        await hold.letGo;
      }
      if (refuse.has(task.url)) throw new Error(`the second hook refuses ${task.url}`);
    });
  });
  afterAll(async () => {
    warned.mockRestore();
    await s.dataSource.query(`DROP TABLE IF EXISTS ${RECORDS}`);
    await s.close();
    await logs.close();
  });

  async function startScrape(name: LogPathName): Promise<string> {
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl(name) });
    expect(res.status).toBe(202);
    return res.body.uuid;
  }

  async function ended(uuid: string) {
    const final = await waitForTask(s.baseUrl, uuid);
    const records = await s.dataSource.query(`SELECT status, stored, given FROM ${RECORDS} WHERE task_id = ?`, [uuid]);
    const [{ n }] = await s.dataSource.query('SELECT COUNT(*) AS n FROM artifacts WHERE task_id = ?', [uuid]);
    return {
      final,
      records: records.map((r: any) => ({ status: r.status, stored: Number(r.stored), given: Number(r.given) })),
      artifacts: Number(n),
    };
  }

  const scrape = async (name: LogPathName) => ended(await startScrape(name));

  it('run inside the transaction that finishes a task: they see it finished with its artifacts, and what they write commits with it', async () => {
    const uuid = await startScrape('modern');
    const { final, records, artifacts } = await ended(uuid);
    expect(final).toMatchObject({ status: 'finished' });
    expect(artifacts).toBe(5);
    expect(records).toEqual([{ status: 'finished', stored: 5, given: 5 }]);
    // what a hook asked to do after the commit ran once it had committed: it read the task finished from outside
    await until(() => afterCommit.has(uuid), 5000, 'the after-commit work');
    expect(afterCommit.get(uuid)).toBe('finished');
    // the failing work was logged, and the end hooks still ran, after the work
    await until(() => ranAfter.includes(`ended ${uuid}`), 5000, 'the end hooks');
    expect(ranAfter.filter((r) => r.endsWith(uuid))).toEqual([`after-commit ${uuid}`, `ended ${uuid}`]);
    expect(warned).toHaveBeenCalledWith(`after task ${uuid} finished: a failing after-commit work is logged, not thrown`);
  });

  it('a hook that throws rolls the whole finish back: no artifacts, nothing another hook wrote; the task ends in error saying why', async () => {
    refuse.add(logs.logUrl('consoleOnly'));
    const uuid = await startScrape('consoleOnly');
    const { final, records, artifacts } = await ended(uuid);
    expect(final).toMatchObject({ status: 'error', message: `the second hook refuses ${logs.logUrl('consoleOnly')}` });
    expect(artifacts).toBe(0);
    expect(records).toEqual([]);
    expect(afterCommit.has(uuid)).toBe(false);
  });

  it('do not run when a scrape ends in error', async () => {
    const { final, records } = await scrape('nothingUseful');
    expect(final).toMatchObject({ status: 'error' });
    expect(records).toEqual([]);
  });

  it('while a finish is open nobody else sees it: /status and /task do not say finished, and a task created meanwhile outlives its rollback', async () => {
    const url = logs.logUrl('legacyTempest');
    refuse.add(url);
    let entered!: () => void;
    let letGo!: () => void;
    const inHook = new Promise<void>((resolve) => (entered = resolve));
    held.set(url, { entered, letGo: new Promise<void>((resolve) => (letGo = resolve)) });
    const uuid = await startScrape('legacyTempest');
    await inHook;

    // Asked while the hook holds the finish open; on SQLite they are answered once it has ended.
    const status = postJson(s.baseUrl, '/status', { q: uuid });
    const task = postJson(s.baseUrl, '/task', { q: uuid });
    const other = startScrape('junitOnly');
    await new Promise((resolve) => setTimeout(resolve, 300));
    letGo();

    expect((await status).body.status).not.toBe('finished');
    expect((await task).body.artifacts ?? []).toEqual([]);
    const refused = { status: 'error', message: `the second hook refuses ${url}` };
    const { final, records, artifacts } = await ended(uuid);
    expect(final).toMatchObject(refused);
    expect(artifacts).toBe(0);
    expect(records).toEqual([]);
    // Nothing read while the finish was open was remembered: both answers are the error's.
    expect((await postJson(s.baseUrl, '/status', { q: uuid })).body).toMatchObject(refused);
    expect((await postJson(s.baseUrl, '/task', { q: uuid })).body).toMatchObject({
      message: refused.message,
      scrape_status: 'error',
      artifacts: [],
    });
    expect((await ended(await other)).final).toMatchObject({ status: 'finished' });
  });
});
