import { Module } from '@nestjs/common';
import { TestResultsModule } from '../test-results/test-results.module';
import { CompareController } from './compare.controller';
import { CompareService } from './compare.service';

/** POST /compare (api and all roles). */
@Module({ imports: [TestResultsModule], controllers: [CompareController], providers: [CompareService] })
export class CompareModule {}
