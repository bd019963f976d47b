import { Module } from '@nestjs/common';
import { GerritClient } from './gerrit-client';
import { GerritReviews } from './gerrit-reviews';
import { ZuulClient } from './zuul-client';

/** HTTP clients for the review system (Gerrit) and the CI system (Zuul). */
@Module({ providers: [GerritClient, ZuulClient, GerritReviews], exports: [GerritClient, ZuulClient, GerritReviews] })
export class GerritModule {}
