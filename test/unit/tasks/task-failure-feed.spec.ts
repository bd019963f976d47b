import { Logger } from '@nestjs/common';
import type { StackVizFailure } from '../../../src/api-shapes';
import type { TaskEntity } from '../../../src/database/entities';
import { TaskFailureFeed } from '../../../src/tasks/task-failure-feed';

const task = { id: 'task-1' } as TaskEntity;
const failure = (name: string): StackVizFailure => ({
  name,
  duration: 1,
  details: ['boom'],
  cause: 'boom',
  signature_id: '0123456789abcdef',
});
const failures = [failure('pkg.T.test_a')];

describe('TaskFailureFeed', () => {
  let warned: jest.SpyInstance;
  beforeEach(() => (warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warned.mockRestore());

  it('hands the failures to every listener in the order added', async () => {
    const feed = new TaskFailureFeed();
    const heard: string[] = [];
    feed.add((t, f) => void heard.push(`first ${t.id} ${f[0].name}`));
    feed.add((t, f) => void heard.push(`second ${t.id} ${f.length}`));
    feed.found(task, failures);
    await feed.settled(task.id);
    expect(heard).toEqual(['first task-1 pkg.T.test_a', 'second task-1 1']);
    expect(warned).not.toHaveBeenCalled();
  });

  it("hands a task's failures over 500 at a time, one batch after another (those found meanwhile together), the last few when its finish asks", async () => {
    const feed = new TaskFailureFeed();
    const log: string[] = [];
    feed.add(async (_t, f) => {
      log.push(`start ${f.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${f.length}`);
    });
    const some = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => failure(`${prefix}${i}`));
    feed.found(task, some(300, 'a'));
    expect(log).toEqual([]);
    feed.found(task, some(300, 'b'));
    expect(log).toEqual(['start 600']);
    feed.found(task, some(400, 'c'));
    feed.found(task, some(200, 'd'));
    feed.found(task, some(7, 'e'));
    // another task never waits on this one's work
    await feed.settled('other-task');
    expect(log).toEqual(['start 600']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(log).toEqual(['start 600', 'end 600', 'start 607', 'end 607']);
    feed.found(task, some(5, 'f'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(log).toHaveLength(4);
    await feed.settled(task.id);
    expect(log.slice(4)).toEqual(['start 5', 'end 5']);
  });

  it('drops the failures of a task that ends without finishing', async () => {
    const feed = new TaskFailureFeed();
    const heard: number[] = [];
    feed.add((_t, f) => void heard.push(f.length));
    feed.found(task, [failure('a'), failure('b')]);
    feed.forget(task.id);
    await feed.settled(task.id);
    expect(heard).toEqual([]);
  });

  it('logs a listener that throws or rejects, and still calls the others', async () => {
    const feed = new TaskFailureFeed();
    const heard: (readonly StackVizFailure[])[] = [];
    feed.add(() => {
      throw new Error('thrown');
    });
    feed.add(async () => {
      throw new Error('rejected');
    });
    feed.add((_t, f) => void heard.push(f));
    expect(() => feed.found(task, failures)).not.toThrow();
    await feed.settled(task.id);
    expect(heard).toEqual([failures]);
    expect(warned.mock.calls.map(([message]) => message)).toEqual([
      'a failure listener failed for task task-1: thrown',
      'a failure listener failed for task task-1: rejected',
    ]);
  });
});
