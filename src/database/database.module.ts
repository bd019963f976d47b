import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { buildDataSourceOptions, createDataSource } from './data-source-options';
import { runMigrations } from './run-migrations';
import { Transactions } from './transactions';

/**
 * TypeORM on MySQL/MariaDB or embedded SQLite; pending migrations run before anything can query.
 * It hands out no repository: each module registers its own tables' (TypeOrmModule.forFeature).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
      dataSourceFactory: async (options) => {
        const dataSource = await createDataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [Transactions],
  exports: [Transactions],
})
export class DatabaseModule {}
