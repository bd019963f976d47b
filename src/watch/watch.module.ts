import { Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { oncePerConfig } from '../common/once-per-config';
import { AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { WatchedBuildEntity, WatchStateEntity } from '../database/entities';
import { FailuresModule } from '../failures/failures.module';
import { GerritModule } from '../gerrit/gerrit.module';
import { InsightModule } from '../insight/insight.module';
import { TasksModule } from '../tasks/tasks.module';
import { BuildFollower } from './build-follower';
import { ConsoleFailures } from './console-failure';
import { Reporter } from './reporter';
import { WatchController } from './watch.controller';
import { WatchLease } from './watch-lease';
import { WatchPurge } from './watch-purge';
import { WatchStore } from './watch-store';
import { Watcher } from './watcher';

/**
 * Watch and report, and the `watch_state` and `watched_builds` tables, which no other module reads:
 * where the watcher runs (runsWatcher), following Zuul, triage, insight and the Gerrit review;
 * where HTTP is served, GET /watch; everywhere, the purge's part (WatchPurge), for the cleanup
 * module.
 */
@Module({})
export class WatchModule {
  static forRoot = oncePerConfig((config: AppConfig) => {
    const { servesHttp, runsWatcher } = roleRuns(config);
    const providers: Provider[] = [WatchStore, WatchPurge];
    if (runsWatcher) providers.push(WatchLease, BuildFollower, ConsoleFailures, Reporter, Watcher);
    return {
      module: WatchModule,
      imports: [
        TypeOrmModule.forFeature([WatchStateEntity, WatchedBuildEntity]),
        ...(runsWatcher
          ? [TasksModule.forRoot(config), InsightModule.forRoot(config), GerritModule, ArtifactsModule, FailuresModule.forRoot(config)]
          : []),
      ],
      controllers: servesHttp ? [WatchController] : [],
      providers,
      exports: [WatchPurge],
    };
  });
}
