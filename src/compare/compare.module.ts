import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TasksModule } from '../tasks/tasks.module';
import { TestResultsModule } from '../test-results/test-results.module';
import { CompareController } from './compare.controller';
import { CompareService } from './compare.service';

/** POST /compare (api and all roles). */
@Module({})
export class CompareModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CompareModule,
      imports: [TasksModule.forRoot(config), TestResultsModule],
      controllers: [CompareController],
      providers: [CompareService],
    };
  }
}
