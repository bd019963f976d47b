import { Module } from '@nestjs/common';
import { GerritModule } from '../gerrit/gerrit.module';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { LogFolders } from './log-folders';

/** POST /list; exports JobsService, whose history() other features use for "every run of a job on a change". */
@Module({ imports: [GerritModule], controllers: [JobsController], providers: [JobsService, LogFolders], exports: [JobsService] })
export class JobsModule {}
