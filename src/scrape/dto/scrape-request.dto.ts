import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import type { ScrapeRequest } from '../../api-shapes';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

const nullable = { nullable: true } as const;

/** A /list Entry (at least `url`); what `jq '.results[N]'` pipes in. Unknown fields are dropped. */
export class ScrapeRequestDto implements ScrapeRequest {
  @ApiProperty({ description: "the job's log directory", example: 'http://logs.openstack.org/26/271726/2/check/gate-stackviz-pep8/7c374a7/' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL of a job log directory' })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional(nullable) @IsOptional() @IsInt() change_id?: number | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(255) change_project?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(4000) change_subject?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(255) ci_username?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(255) name?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(255) pipeline?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsInt() revision?: number | null;
  @ApiPropertyOptional({ ...nullable, description: 'the CI result of the job' }) @IsOptional() @IsString() @MaxLength(32) status?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(64) build_uuid?: string | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsBoolean() voting?: boolean | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsNumber() duration?: number | null;
  @ApiPropertyOptional(nullable) @IsOptional() @IsString() @MaxLength(40) finished_at?: string | null;
}
