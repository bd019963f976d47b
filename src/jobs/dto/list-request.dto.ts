import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, ValidateIf } from 'class-validator';
import type { ListRequest } from '../../api-shapes';
import { fieldRule, requiredText } from '../../http/field-rules';

const MAX_QUERY_LENGTH = 2048;

/** `{"q": …, "history": …}`: what to list (src/api-shapes/entry.ts, ListRequest). */
export class ListRequestDto implements ListRequest {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    description:
      'a change number, `change,ps` or `change/ps`, a Gerrit change URL, a legacy or modern log URL, or a Zuul build or buildset page',
    example: '271726',
  })
  @Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))
  // Only presence, type and length here: the query parser judges the form and lists what it accepts.
  @fieldRule(
    requiredText({
      what: 'a change number (271726), change,patchset (271726,2), or a Gerrit, Zuul or log URL',
      types: 'a string or a number',
      maxLength: MAX_QUERY_LENGTH,
    }),
  )
  q: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'every run instead of the latest per job: every patch set (or only the one q names) and every recheck, newest first, each entry with `latest`',
  })
  // Present means a JSON boolean: null, "true" or 1 is a mistake worth a 400, not a silent false.
  @ValidateIf((dto: ListRequestDto) => dto.history !== undefined)
  @IsBoolean({ message: 'history must be true or false (a JSON boolean; with HTTPie write history:=true)' })
  history?: boolean;
}
