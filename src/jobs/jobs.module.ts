import { Module } from '@nestjs/common';
import { GerritModule } from '../gerrit/gerrit.module';
import { JobsService } from './jobs.service';
import { LogFolders } from './log-folders';

/**
 * The CI jobs a query names (JobsService): what POST /list answers (ListModule), the history other
 * features read as "every run of a job on a change", and the entry a worker completes a bare log
 * URL's task with.
 */
@Module({ imports: [GerritModule], providers: [JobsService, LogFolders], exports: [JobsService] })
export class JobsModule {}
