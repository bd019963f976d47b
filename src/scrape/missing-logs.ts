import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ZuulBuild, ZuulClient } from '../gerrit/zuul-client';
import { buildOfLogUrl, isLogUrlQuery } from '../jobs/build-of-log-url';
import { parseQuery } from '../jobs/query-parser';
import { FetchError } from './fetch';

/** What a task knows about its build: its log URL, and the uuid when /list gave one. */
export interface BuildRef {
  url: string;
  buildUuid: string | null;
}

/**
 * Why a build's logs are 404 when its task came without a CI result (`/scrape` with only `url`):
 * either the build has not finished yet (its logs are not uploaded) or its logs have expired. Zuul
 * knows which: its API is asked about the build (never its logs). When Zuul cannot say, both are
 * named.
 */
@Injectable()
export class MissingLogs {
  private readonly logger = new Logger('MissingLogs');

  constructor(
    private readonly zuul: ZuulClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `gone` is discovery's 404; the answer is the error the task should end with. */
  async explain(ref: BuildRef, gone: FetchError): Promise<FetchError> {
    const build = await this.lookUp(ref).catch((err: Error) => {
      this.logger.warn(`could not ask Zuul about ${ref.url}: ${err.message}`);
      return undefined;
    });
    if (build?.result === null) {
      return new FetchError(
        `there are no logs at ${ref.url} yet: Zuul says build ${build.uuid} has no result, so it is still running; scrape it again once it finishes`,
        'not-yet',
        404,
      );
    }
    if (build) {
      const ended = build.endTime ? ` on ${build.endTime.slice(0, 10)}` : '';
      return new FetchError(`${gone.message} (Zuul says build ${build.uuid} finished${ended} with ${build.result})`, 'not-found', 404);
    }
    return new FetchError(
      `there are no logs at ${ref.url} (404), and Zuul could not say whether the build has finished: ` +
        'either it is still running (scrape it again once it finishes) or it finished long enough ago that its logs have expired',
      'not-yet',
      404,
    );
  }

  /** The build by its uuid (the task's, else the URL's), else by the builds query for the URL's change and job. */
  private async lookUp(ref: BuildRef): Promise<ZuulBuild | undefined> {
    const tenant = this.config.zuulTenant;
    if (ref.buildUuid) return this.zuul.build(tenant, ref.buildUuid);
    let query;
    try {
      query = parseQuery(ref.url, this.config);
    } catch {
      return undefined;
    }
    return isLogUrlQuery(query) ? buildOfLogUrl(this.zuul, tenant, query) : undefined;
  }
}
