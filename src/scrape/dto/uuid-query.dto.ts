import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';

export class UuidQueryDto {
  @ApiProperty({ description: 'a task uuid from POST /scrape', example: 'f223e63b-6ac0-4236-9c1c-4dec769310aa' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsUUID('all', { message: 'q must be a task uuid, e.g. f223e63b-6ac0-4236-9c1c-4dec769310aa' })
  q: string;
}
