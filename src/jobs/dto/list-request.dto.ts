import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

const MAX_QUERY_LENGTH = 2048;

/** One message for whatever is wrong with q (the parser judges its form later). */
@ValidatorConstraint({ name: 'listQuery' })
class ListQueryConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= MAX_QUERY_LENGTH;
  }

  defaultMessage(args: ValidationArguments): string {
    return typeof args.value === 'string'
      ? `q is longer than ${MAX_QUERY_LENGTH} characters`
      : 'q is required: a change number (271726), change,patchset (271726,2), or a Gerrit, Zuul or log URL';
  }
}

/** `{"q": …}`: a change number (as a number or a string), `change,ps`, or a Gerrit, Zuul or log URL. */
export class ListRequestDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    description:
      'a change number, `change,ps` or `change/ps`, a Gerrit change URL, a legacy or modern log URL, or a Zuul build or buildset page',
    example: '271726',
  })
  @Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))
  @Validate(ListQueryConstraint)
  q: string;
}
