/** Shapes of the service's JSON API (contract §3). */

export interface Entry {
  change_id: number | null;
  change_project: string | null;
  change_subject: string | null;
  ci_username: string | null;
  name: string;
  pipeline: string | null;
  revision: number | null;
  status: string | null;
  url: string;
  build_uuid: string | null;
  voting: boolean | null;
  duration: number | null;
  finished_at: string | null;
}

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
