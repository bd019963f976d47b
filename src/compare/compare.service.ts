import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ComparedRun, CompareResponse } from '../api-shapes';
import type { TaskEntity } from '../database/entities';
import { TaskReader } from '../tasks/task-reader';
import { TestIndexes } from '../test-results/test-indexes';
import { testResultsUnavailable } from '../test-results/test-results-unavailable';
import { compareRuns } from './compare-runs';

function comparedRun(t: TaskEntity): ComparedRun {
  return {
    uuid: t.id,
    name: t.name,
    change_id: t.changeId,
    revision: t.revision,
    pipeline: t.pipeline,
    status: t.status,
    finished_at: t.buildFinishedAt,
  };
}

/** POST /compare: how two runs' test results differ. */
@Injectable()
export class CompareService {
  constructor(
    private readonly tasks: TaskReader,
    private readonly indexes: TestIndexes,
  ) {}

  async compare(baseId: string, headId: string): Promise<CompareResponse> {
    const found = await this.tasks.findMany([baseId, headId]);
    const base = found.find((t) => t.id === baseId);
    const head = found.find((t) => t.id === headId);
    if (!base || !head) {
      throw new NotFoundException([!base && `no base task ${baseId}`, !head && `no head task ${headId}`].filter(Boolean).join(' and '));
    }
    const [baseIndex, headIndex] = await Promise.all([this.indexes.ofTask(base), this.indexes.ofTask(head)]);
    const problems = [testResultsUnavailable('base task', base, baseIndex), testResultsUnavailable('head task', head, headIndex)].filter(
      (p) => p !== null,
    );
    if (problems.length > 0 || !baseIndex || !headIndex) throw new ConflictException(problems.join('; '));
    return { base: comparedRun(base), head: comparedRun(head), ...compareRuns(baseIndex, headIndex) };
  }
}
