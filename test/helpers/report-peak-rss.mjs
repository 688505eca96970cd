/**
 * Preloaded into a child process (node --import): at exit, writes its peak RSS
 * in bytes (the kernel's high-water mark for the whole process, worker threads
 * included) to the file named by PEAK_RSS_FILE. A sampler in the parent would
 * miss peaks during synchronous work; the kernel does not.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
