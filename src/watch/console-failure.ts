import { Injectable } from '@nestjs/common';
import { ArtifactStore } from '../artifacts/artifact-store';
import { consoleLineText, type ConsoleLog } from '../artifacts/parsers/console/console-log';
import { artifactJson, storedArtifacts } from '../failures/artifact-source';
import type { ConsoleFailure } from './review-message';

/** The console step that failed in a finished task, and its first error line, from its stored console artifact. */
@Injectable()
export class ConsoleFailures {
  constructor(private readonly artifacts: ArtifactStore) {}

  async ofTask(taskId: string): Promise<ConsoleFailure | null> {
    const source = (await storedArtifacts(this.artifacts, taskId)).find((a) => a.artifactType === 'console');
    if (!source) return null;
    const log = (await artifactJson(source)) as ConsoleLog;
    const failed = log.scripts.filter((s) => s.status === 'failed' && s.kind !== 'play');
    const step = failed[0] ?? log.scripts.find((s) => s.status === 'failed');
    if (!step) return null;
    const errorLine = step.first_error === null ? null : step.lines[step.first_error];
    return { step: step.name, firstError: errorLine ? consoleLineText(errorLine).slice(0, 300) : null };
  }
}
