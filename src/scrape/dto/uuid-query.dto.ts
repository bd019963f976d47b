import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { fieldRule, requiredUuid } from '../../http/field-rules';

export class UuidQueryDto {
  @ApiProperty({ description: 'a task uuid from POST /scrape', example: 'f223e63b-6ac0-4236-9c1c-4dec769310aa' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @fieldRule(requiredUuid('a task uuid'))
  q: string;
}
