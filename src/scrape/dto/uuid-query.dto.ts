import { UUID_ALIASES, UuidField } from '../../common/uuid-field';

export class UuidQueryDto {
  @UuidField('a task uuid', 'a task uuid from POST /scrape', UUID_ALIASES)
  q: string;
}
