import type { ArtifactType, StackVizFailure } from '../../api-shapes';

export type { ArtifactType };

/** One artifact ready to store: its bytes are already gzip-compressed (content_encoding gzip). */
export interface ProducedArtifact {
  artifactType: ArtifactType;
  /** 'application/json' | 'text/csv' */
  contentType: string;
  primary: boolean;
  gzipped: Buffer;
  /** `subunit-stats` only, when its producer holds them: its failures, so the task's finish reads them without gunzipping `gzipped` back. */
  failures?: readonly StackVizFailure[];
}

/** The input is not what it should be (not a subunit stream, not a dstat CSV, ...); the message says why. */
export class ArtifactFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactFormatError';
  }
}
