/**
 * The files that take minutes start first, so they run beside the rest of the
 * suite instead of after it: AVA runs two files at a time on two cores, and a
 * long file started last is a long tail.
 */
const longestFirst = ['test/security/crash.test.ts', 'test/bench/smoke.test.ts', 'test/security/hostile.test.ts', 'test/bot/serve-crash.test.ts'];
const rank = (file) => {
  const index = longestFirst.findIndex((long) => file.endsWith(long));
  return index === -1 ? longestFirst.length : index;
};

export default {
  files: ['test/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx/esm'],
  timeout: '60s',
  workerThreads: false,
  sortTestFiles: (a, b) => rank(a) - rank(b) || a.localeCompare(b),
};
