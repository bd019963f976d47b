import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';
  @ApiProperty({ enum: ['sqlite', 'mysql'] })
  database: 'sqlite' | 'mysql';
  @ApiProperty({ enum: ['redis', 'in-process'] })
  queue: 'redis' | 'in-process';
  @ApiProperty({ enum: ['all', 'api', 'worker', 'cleanup'] })
  role: string;
}
