#!/usr/bin/env node
/**
 * Compiles the sources to dist/ (plain JavaScript, same folders) and records
 * which sources it was built from. The bin runs dist/ while that record still
 * matches the sources, and the sources through tsx otherwise: tsx's loader and
 * its transforms cost ~30 MB of RSS per thread (the sweep has two: main and
 * page analysis), which a long-running bot on an office PC should not pay.
 *
 * Plain JavaScript on purpose: `npm ci` runs it (the `prepare` script) before
 * anything could be compiled.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
/** Files the compiled code reads at run time, next to the modules that read them (paths from import.meta.url). */
const assets = ['content/dictionary'];

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without dev dependencies: the bin runs the sources through tsx instead.
  console.warn('menu-patrol build: typescript is not installed, so nothing was compiled; the sources will run through tsx.');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const asset of assets) cpSync(join(root, asset), join(dist, asset), { recursive: true, filter: (from) => !from.endsWith('.ts') });

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

// Every compiled module and copied asset, by the source it came from (a URL-style path), with that source's mtime.
const sources = {};
for (const built of files(dist)) {
  const source = relative(dist, built).split(sep).join('/').replace(/\.js$/, '.ts');
  sources[source] = statSync(join(root, source)).mtimeMs;
}
writeFileSync(join(dist, 'build-stamp.json'), `${JSON.stringify({ sources }, null, 1)}\n`);
console.log(`menu-patrol build: ${Object.keys(sources).length} files in dist/`);
