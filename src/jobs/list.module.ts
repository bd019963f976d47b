import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsModule } from './jobs.module';

/** POST /list, where HTTP is served (api, all). */
@Module({ imports: [JobsModule], controllers: [JobsController] })
export class ListModule {}
