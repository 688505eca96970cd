#!/usr/bin/env node
/**
 * Compiles the sources to dist/ (plain JavaScript, same folders), which the
 * bin always runs: tsx's loader and its transforms cost ~30 MB of RSS per
 * thread (the sweep has two: main and page analysis), which a long-running bot
 * on an office PC should not pay. It records which sources it was built from
 * (scripts/build-stamp.mjs), so the bench and the memory test know whether
 * dist/ is the current code.
 *
 * Plain JavaScript on purpose: `npm ci` runs it (the `prepare` script) before
 * anything could be compiled.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
/** Files the compiled code reads at run time, next to the modules that read them (paths from import.meta.url). */
const assets = ['content/dictionary', 'web/static'];

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without dev dependencies: say what to do rather than fail the install.
  console.warn('menu-patrol build: typescript is not installed, so nothing was compiled; install the dev dependencies and run `npm run build`.');
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
  const compiled = relative(dist, built).split(sep).join('/');
  // Pages are .tsx (JSX), other modules .ts; a copied asset is its own source.
  const source = [compiled.replace(/\.js$/, '.ts'), compiled.replace(/\.js$/, '.tsx'), compiled].find((s) => existsSync(join(root, s)));
  sources[source] = statSync(join(root, source)).mtimeMs;
}
writeFileSync(join(dist, 'build-stamp.json'), `${JSON.stringify({ sources }, null, 1)}\n`);
console.log(`menu-patrol build: ${Object.keys(sources).length} files in dist/`);
