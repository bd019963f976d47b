import { Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { oncePerConfig } from '../common/once-per-config';
import { AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { TasksModule } from '../tasks/tasks.module';
import { CauseStandings } from './cause-standings';
import { FailureBackfill } from './failure-backfill';
import { FailureOccurrences } from './failure-occurrences';
import { FailurePurge } from './failure-purge';
import { FailureQueries } from './failure-queries';
import { FailureRecorder } from './failure-recorder';
import { FailureRules } from './failure-rules';
import { FailureSearch } from './failure-search';
import { FailuresController } from './failures.controller';
import { OccurrenceChanges } from './occurrence-changes';
import { SignatureIndex } from './signature-index';

/**
 * Failure knowledge and its tables (failure_signatures, failure_build_signatures and failure_build_tests, failure_rules, …), which
 * no other module reads. Where tasks are scraped, each finished task's failures are recorded in
 * its finish (FailureRecorder), and those of tasks stored before are backfilled in the background
 * (FailureBackfill); where HTTP is served, the /failures endpoints; where the watcher runs, what
 * a review says beside each cause (CauseStandings); everywhere, the purge's part (FailurePurge),
 * for the cleanup module.
 */
@Module({})
export class FailuresModule {
  static forRoot = oncePerConfig((config: AppConfig) => {
    const { runsJobs, servesHttp, runsWatcher } = roleRuns(config);
    const providers: Provider[] = [FailureOccurrences, FailurePurge, OccurrenceChanges];
    if (runsJobs) providers.push(FailureRecorder, FailureBackfill);
    if (servesHttp) providers.push(FailureSearch, SignatureIndex);
    if (servesHttp || runsWatcher) providers.push(FailureQueries, FailureRules);
    if (runsWatcher) providers.push(CauseStandings);
    return {
      module: FailuresModule,
      imports: [TasksModule.forRoot(config), ArtifactsModule],
      controllers: servesHttp ? [FailuresController] : [],
      providers,
      exports: runsWatcher ? [FailurePurge, CauseStandings] : [FailurePurge],
    };
  });
}
