/** Shapes of the service's JSON API (contract §3). */

export type { JobEntry as Entry } from '../../../src/jobs/job-entry';
import type { JobEntry as Entry } from '../../../src/jobs/job-entry';

export interface ListResponse {
  results: Entry[];
}

export interface ScrapeResponse {
  status: TaskStatus;
  uuid: string;
}

export type TaskStatus = 'queued' | 'running' | 'finished' | 'error';

export interface StatusResponse {
  uuid: string;
  status: TaskStatus;
  message: string | null;
  stage?: string;
  artifacts_found?: string[];
}

export interface ArtifactInfo {
  id: string;
  artifact_name: string;
  artifact_type: string;
  content_type: string;
  content_encoding: string | null;
  primary: boolean;
}

export interface TaskResponse extends Partial<Entry> {
  id?: string;
  uuid?: string;
  status?: string | null;
  scrape_status?: 'error';
  message?: string | null;
  artifacts?: ArtifactInfo[];
}

export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
