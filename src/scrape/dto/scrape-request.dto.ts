import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { ScrapeRequest } from '../../api-shapes';
import {
  FieldCheck,
  fieldRule,
  isHttpUrl,
  optionalBoolean,
  optionalNumber,
  optionalText,
  optionalWholeNumber,
  requiredText,
} from '../../http/field-rules';

const nullable = { nullable: true } as const;
/** The tasks.url column's width, which the URL must fit once percent-encoded. */
const MAX_URL_LENGTH = 2048;
/** The database's INT columns (change_id, revision). */
const MAX_INT = 2 ** 31 - 1;

const logDirectoryUrl: FieldCheck = (value) => {
  const problem = requiredText({ what: 'an http(s) URL of a job log directory', maxLength: MAX_URL_LENGTH })(value);
  if (problem) return problem;
  const text = (value as string).trim();
  if (/^https?:\/\/[^/?#]*@/i.test(text)) return 'must not carry a user name or password';
  if (!isHttpUrl(text)) return 'must be an http(s) URL of a job log directory';
  return new URL(text).toString().length > MAX_URL_LENGTH ? `must be at most ${MAX_URL_LENGTH} characters once percent-encoded` : null;
};

/** A /list Entry (at least `url`); what `jq '.results[N]'` pipes in. Unknown fields are dropped. */
export class ScrapeRequestDto implements ScrapeRequest {
  @ApiProperty({
    description: "the job's log directory",
    example: 'http://logs.openstack.org/26/271726/2/check/gate-stackviz-pep8/7c374a7/',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @fieldRule(logDirectoryUrl)
  url: string;

  @ApiPropertyOptional(nullable) @fieldRule(optionalWholeNumber(0, MAX_INT)) change_id?: number | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(255)) change_project?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(4000)) change_subject?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(255)) ci_username?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(255)) name?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(255)) pipeline?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalWholeNumber(0, MAX_INT)) revision?: number | null;
  @ApiPropertyOptional({ ...nullable, description: 'the CI result of the job' }) @fieldRule(optionalText(32)) status?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(64)) build_uuid?: string | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalBoolean()) voting?: boolean | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalNumber()) duration?: number | null;
  @ApiPropertyOptional(nullable) @fieldRule(optionalText(40)) finished_at?: string | null;
  @ApiPropertyOptional({ ...nullable, example: 'master' }) @fieldRule(optionalText(255)) branch?: string | null;
}
