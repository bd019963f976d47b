import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { redactUrl } from '../config/load-config';
import { formatCleanupSummary } from './cleanup-summary';
import { CleanupService } from './cleanup.service';

/**
 * `--role=cleanup [--dry-run]`: one pass, one summary line on stdout, the exit code back.
 * A pass skipped because another process is running one is still a success (0): the work is done.
 */
export async function runCleanupCommand(app: INestApplicationContext, config: AppConfig): Promise<number> {
  try {
    const report = await app.get(CleanupService).runPass({ dryRun: config.dryRun });
    process.stdout.write(`${formatCleanupSummary(report)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`cleanup failed: ${redactUrl((err as Error).message)}\n`);
    return 1;
  }
}
