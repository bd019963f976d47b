import { Injectable } from '@nestjs/common';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ArtifactStore } from '../artifacts/artifact-store';
import { consoleLineText, type ConsoleLog } from '../artifacts/parsers/console/console-log';
import type { ConsoleFailure } from './review-message';

const gunzipAsync = promisify(gunzip);

/** The console step that failed in a finished task, and its first error line, from its stored console artifact. */
@Injectable()
export class ConsoleFailures {
  constructor(private readonly artifacts: ArtifactStore) {}

  async ofTask(taskId: string): Promise<ConsoleFailure | null> {
    const meta = (await this.artifacts.listForTask(taskId)).find((a) => a.artifactType === 'console');
    if (!meta) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.artifacts.openStored(meta)) chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    const log = JSON.parse((meta.contentEncoding === 'gzip' ? await gunzipAsync(stored) : stored).toString('utf8')) as ConsoleLog;
    const failed = log.scripts.filter((s) => s.status === 'failed' && s.kind !== 'play');
    const step = failed[0] ?? log.scripts.find((s) => s.status === 'failed');
    if (!step) return null;
    const errorLine = step.first_error === null ? null : step.lines[step.first_error];
    return { step: step.name, firstError: errorLine ? consoleLineText(errorLine).slice(0, 300) : null };
  }
}
