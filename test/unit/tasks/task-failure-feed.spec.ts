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

  it("hears a task's batches one after another, those found meanwhile together, and settles once the last one's work is done", async () => {
    const feed = new TaskFailureFeed();
    const log: string[] = [];
    feed.add(async (_t, f) => {
      const names = f.map((x) => x.name).join(',');
      log.push(`start ${names}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${names}`);
    });
    feed.found(task, [failure('a')]);
    feed.found(task, [failure('b')]);
    feed.found(task, [failure('c')]);
    // another task never waits on this one's work
    await feed.settled('other-task');
    expect(log).toEqual(['start a']);
    await feed.settled(task.id);
    expect(log).toEqual(['start a', 'end a', 'start b,c', 'end b,c']);
  });

  it('drops the failures still waiting of a task that ends without finishing', async () => {
    const feed = new TaskFailureFeed();
    const heard: number[] = [];
    feed.add(async (_t, f) => {
      heard.push(f.length);
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    feed.found(task, [failure('a')]);
    feed.found(task, [failure('b'), failure('c')]);
    feed.forget(task.id);
    await feed.settled(task.id);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(heard).toEqual([1]);
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
