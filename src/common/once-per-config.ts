import type { DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

/**
 * Wraps a dynamic module's builder so that it returns the very same module object for the same
 * config: several modules can then import it and Nest creates it (and its providers) once.
 */
export function oncePerConfig(build: (config: AppConfig) => DynamicModule): (config: AppConfig) => DynamicModule {
  const built = new WeakMap<AppConfig, DynamicModule>();
  return (config) => {
    let module = built.get(config);
    if (!module) {
      module = build(config);
      built.set(config, module);
    }
    return module;
  };
}
