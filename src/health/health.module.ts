import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { QueueModule } from '../queue/queue.module';
import { HealthController } from './health.controller';

@Module({})
export class HealthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: HealthModule, imports: [QueueModule.forRoot(config)], controllers: [HealthController] };
  }
}
