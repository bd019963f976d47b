import { Module } from '@nestjs/common';
import { GerritClient } from './gerrit-client';
import { ZuulClient } from './zuul-client';

/** HTTP clients for the review system (Gerrit) and the CI system (Zuul). */
@Module({ providers: [GerritClient, ZuulClient], exports: [GerritClient, ZuulClient] })
export class GerritModule {}
