import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';

/** `{"q": …}`: a change number (as a number or a string), `change,ps`, or a Gerrit, Zuul or log URL. */
export class ListRequestDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    description:
      'a change number, `change,ps` or `change/ps`, a Gerrit change URL, a legacy or modern log URL, or a Zuul build or buildset page',
    example: '271726',
  })
  @Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))
  @IsString({
    message: 'q is required: a change number (271726), change,patchset (271726,2), or a Gerrit, Zuul or log URL',
  })
  @MaxLength(2048, { message: 'q is longer than 2048 characters' })
  q: string;
}
