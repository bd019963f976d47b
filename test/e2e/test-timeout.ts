// e2e tests start processes (node dist/main, HTTPie, Chromium): on a loaded 2-core host one start
// alone took over the 20 s unit tests get. (Jest reads testTimeout only from the global config.)
jest.setTimeout(60000);
