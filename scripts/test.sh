#!/usr/bin/env bash
# The whole suite: unit tests, then the e2e suite on MariaDB + Redis and on SQLite + the
# in-process queue. Needs MariaDB on 127.0.0.1:3306 (root, no password) and Redis on 6379, or
# TEST_DATABASE_URL / TEST_REDIS_URL pointing elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
# Vite and ts-jest only transpile: typecheck the UI and the tests here.
npm run typecheck --silent
npm run lint --silent
npx jest --selectProjects unit "$@"
# The two backends share nothing (each app gets its own queue prefix, SQLite file or MariaDB test
# database), so they run side by side: the suite mostly waits on processes, not the CPU. The SQLite
# run's output follows the MariaDB run's, so the log reads as two whole reports.
sqlite_log=$(mktemp)
E2E_BACKEND=sqlite npx jest --selectProjects e2e --runInBand --forceExit "$@" >"$sqlite_log" 2>&1 &
sqlite_pid=$!
# an interrupted run does not leave the SQLite run behind
trap 'kill "$sqlite_pid" 2>/dev/null || true; rm -f "$sqlite_log"' EXIT
mysql_rc=0
E2E_BACKEND=mysql npx jest --selectProjects e2e --runInBand --forceExit "$@" || mysql_rc=$?
sqlite_rc=0
wait "$sqlite_pid" || sqlite_rc=$?
echo "Running the e2e suite on SQLite + the in-process queue (beside the MariaDB run):"
cat "$sqlite_log"
[ "$mysql_rc" -eq 0 ] && [ "$sqlite_rc" -eq 0 ]
