/**
 * The JSON bodies of the HTTP API (docs/api.md) as plain types and constants: no Nest, TypeORM or
 * Node imports, so the web UI can import them (as types) too. The server's DTOs implement them and
 * test/unit/api-shapes fails when the OpenAPI document and these types disagree.
 */
export * from './compare';
export * from './entry';
export * from './error';
export * from './insight';
export * from './recent';
export * from './task';
export * from './test-results';
