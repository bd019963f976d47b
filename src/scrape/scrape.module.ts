import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { JobsModule } from '../jobs/jobs.module';
import { EndedTaskRoutes } from './ended-task-routes';
import { ArtifactFetcher, fetcherForConfig } from '../fetch';
import { ScrapeController } from './scrape.controller';
import { ScrapeRunner } from './scrape-runner';
import { TaskEntries } from './task-entries';
import { TaskAnswers } from './task-answers';
import { TasksModule } from '../tasks/tasks.module';

/**
 * /scrape, /status, /task where HTTP is served, and the scrape job itself where jobs run: the
 * runner registers itself with the queue there.
 */
@Module({})
export class ScrapeModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { runsJobs, servesHttp } = roleRuns(config);
    const providers: Provider[] = servesHttp ? [TaskAnswers, EndedTaskRoutes] : [];
    if (runsJobs) {
      providers.push(ScrapeRunner, TaskEntries, { provide: ArtifactFetcher, inject: [APP_CONFIG], useFactory: fetcherForConfig });
    }
    return {
      module: ScrapeModule,
      imports: [ArtifactsModule, TasksModule.forRoot(config), ...(runsJobs ? [JobsModule] : [])],
      controllers: servesHttp ? [ScrapeController] : [],
      providers,
    };
  }
}
