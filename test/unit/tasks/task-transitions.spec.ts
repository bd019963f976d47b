import { TASK_STATUSES, TaskStatus } from '../../../src/api-shapes';
import { canMove, isFinal, statusesMovingTo } from '../../../src/tasks/task-transitions';

describe('task status transitions', () => {
  const legal: [TaskStatus, TaskStatus][] = [
    ['queued', 'running'],
    ['queued', 'error'],
    ['running', 'running'],
    ['running', 'queued'],
    ['running', 'finished'],
    ['running', 'error'],
  ];

  it('allows exactly the lifecycle moves and refuses every other', () => {
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect({ from, to, allowed: canMove(from, to) }).toEqual({ from, to, allowed: expected });
      }
    }
  });

  it('finished and error are final: nothing revives them', () => {
    expect(TASK_STATUSES.filter(isFinal)).toEqual(['finished', 'error']);
    expect(TASK_STATUSES.filter((to) => canMove('finished', to) || canMove('error', to))).toEqual([]);
  });

  it('gives the statuses a conditional update may move from', () => {
    expect(statusesMovingTo('running')).toEqual(['queued', 'running']);
    expect(statusesMovingTo('finished')).toEqual(['running']);
    expect(statusesMovingTo('error')).toEqual(['queued', 'running']);
    expect(statusesMovingTo('queued')).toEqual(['running']);
  });
});
