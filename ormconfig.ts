import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/load-config';
import { buildDataSourceOptions } from './src/database/data-source-options';

// For the TypeORM CLI (`npm run migration:run`): the same options the service uses, from DATABASE_URL.
export default new DataSource(buildDataSourceOptions(loadConfig(process.env, []).database));
