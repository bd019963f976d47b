import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { fieldRule, requiredText } from '../../http/field-rules';

const MAX_QUERY_LENGTH = 2048;

/** `{"q": …}`: a change number (as a number or a string), `change,ps`, or a Gerrit, Zuul or log URL. */
export class ListRequestDto {
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
}
