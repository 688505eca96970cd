import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full
 * collection before it collects again. Left to itself it grows it up to four
 * times: a province's sweep, thousands of requests in flight and ~80 MB live,
 * sat at 300–310 MB of RSS. Growing by a fifth keeps it near 250 MB in the same
 * wall time. Paired runs of the benchmark's polite sweep (15,000 items, a quiet
 * machine): default 301 and 308 MB; 15 % 247 MB, 20 % 257 MB, 25 % 250 and
 * 254 MB, 50 % 269 MB; wall 83–85 s in every run. The cost is more full
 * collections on the network thread (CPU 62–67 s default, 66–82 s here), which
 * spends most of a sweep waiting for the analysis worker anyway.
 */
export const heapGrowingPercent = 20;

/** Process-wide (the analysis workers too); called once at start, before the program allocates much. */
export function keepHeapTight(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}
