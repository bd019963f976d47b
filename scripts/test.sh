#!/usr/bin/env bash
# The whole suite: unit tests, then the e2e suite on MariaDB + Redis and again on SQLite + the
# in-process queue. Needs MariaDB on 127.0.0.1:3306 (root, no password) and Redis on 6379, or
# TEST_DATABASE_URL / TEST_REDIS_URL pointing elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
# Vite and ts-jest only transpile: typecheck the UI and the tests here.
npm run typecheck --silent
npm run lint --silent
npx jest --selectProjects unit "$@"
E2E_BACKEND=mysql npx jest --selectProjects e2e --runInBand --forceExit "$@"
E2E_BACKEND=sqlite npx jest --selectProjects e2e --runInBand --forceExit "$@"
