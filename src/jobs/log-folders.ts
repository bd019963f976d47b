import { BadGatewayException, GatewayTimeoutException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ArtifactFetcher, FetchError, fetcherForConfig } from '../fetch';

/** Whether a build's log folder is on its log server, or why that could not be checked. */
export type LogFolderState = { kind: 'there' } | { kind: 'missing' } | { kind: 'unchecked'; why: string };

/**
 * Checks that a build's log folder exists, for `/list` of a build Gerrit and Zuul no longer know:
 * through the workers' guarded fetcher (only ARTIFACT_HOSTS, every redirect hop checked, time
 * limits), with HEAD requests only. A folder counts as there when the folder itself answers (Apache:
 * 2xx, or 403 for a folder without a listing), or its `zuul-manifest.json` or `index.html` does
 * (Swift, whose folder URLs may 404). A log server that fails or does not answer is a 502 or 504.
 */
@Injectable()
export class LogFolders {
  private readonly fetcher: ArtifactFetcher;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.fetcher = fetcherForConfig(config);
  }

  async state(folder: string): Promise<LogFolderState> {
    for (const url of [folder, `${folder}zuul-manifest.json`, `${folder}index.html`]) {
      try {
        if (await this.fetcher.exists(url)) return { kind: 'there' };
      } catch (err) {
        if (!(err instanceof FetchError)) throw err;
        if (err.kind === 'forbidden-host') return { kind: 'unchecked', why: err.message };
        if (err.status === 403 && url === folder) return { kind: 'there' };
        if (err.kind === 'timeout') throw new GatewayTimeoutException(`the log server did not answer: ${err.message}`);
        throw new BadGatewayException(`the log server could not say whether the logs are there: ${err.message}`);
      }
    }
    return { kind: 'missing' };
  }
}
