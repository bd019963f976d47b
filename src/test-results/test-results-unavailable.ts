import type { TaskEntity } from '../database/entities';
import { isFinal } from '../tasks/task-transitions';
import type { TestIndex } from './test-index';

/**
 * Why a task's test results cannot be used (yet), or null when they can: the task has not finished,
 * or finished without test results (no subunit stream, JUnit report or StackViz site). `label` names the task in the sentence ("base task", "task").
 */
export function testResultsUnavailable(label: string, task: TaskEntity, index: TestIndex | null): string | null {
  if (!isFinal(task.status)) return `${label} ${task.id} has not finished: it is still ${task.status}`;
  if (task.status === 'error') return `${label} ${task.id} has no test results: its scrape failed (${task.message ?? 'no reason given'})`;
  if (index === null) return `${label} ${task.id} has no test results: its logs had no subunit stream, JUnit report or StackViz site`;
  return null;
}
