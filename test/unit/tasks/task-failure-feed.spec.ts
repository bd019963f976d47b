import { Logger } from '@nestjs/common';
import type { StackVizFailure } from '../../../src/api-shapes';
import type { TaskEntity } from '../../../src/database/entities';
import { TaskFailureFeed } from '../../../src/tasks/task-failure-feed';

const task = { id: 'task-1' } as TaskEntity;
const failures: StackVizFailure[] = [
  { name: 'pkg.T.test_a', duration: 1, details: ['boom'], cause: 'boom', signature_id: '0123456789abcdef' },
];

describe('TaskFailureFeed', () => {
  let warned: jest.SpyInstance;
  beforeEach(() => (warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warned.mockRestore());

  it('hands the failures to every listener in the order added', () => {
    const feed = new TaskFailureFeed();
    const heard: string[] = [];
    feed.add((t, f) => void heard.push(`first ${t.id} ${f[0].name}`));
    feed.add((t, f) => void heard.push(`second ${t.id} ${f.length}`));
    feed.found(task, failures);
    expect(heard).toEqual(['first task-1 pkg.T.test_a', 'second task-1 1']);
    expect(warned).not.toHaveBeenCalled();
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
    expect(heard).toEqual([failures]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warned.mock.calls.map(([message]) => message)).toEqual([
      'a failure listener failed for task task-1: thrown',
      'a failure listener failed for task task-1: rejected',
    ]);
  });
});
