import type { TaskStatus } from '../api-shapes';

/**
 * Every move a task's status may make. A task is created `queued`; a worker moves it to `running`
 * (and keeps writing `running` as its heartbeat); it ends `finished` or `error`, which are final.
 * A running task whose worker was lost goes back to `queued` (stuck-task repair, or the restart of
 * a process without Redis); a task that cannot be worked on may fail straight from `queued`.
 */
const ALLOWED: Record<TaskStatus, readonly TaskStatus[]> = {
  queued: ['running', 'error'],
  running: ['running', 'queued', 'finished', 'error'],
  finished: [],
  error: [],
};

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses from which a task may move to `to`: the WHERE clause of a conditional update. */
export function statusesMovingTo(to: TaskStatus): TaskStatus[] {
  return (Object.keys(ALLOWED) as TaskStatus[]).filter((from) => canMove(from, to));
}

export function isFinal(status: TaskStatus): boolean {
  return ALLOWED[status].length === 0;
}
