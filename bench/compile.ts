/**
 * The bench's own TypeScript, transpiled beside the product's build (to
 * dist/bench/), so that its child processes run plain JavaScript with no
 * module loader at all, as `npm ci` installs the product: tsx and its hooks
 * thread cost ~28 MB of RSS that the program never pays, and the phases
 * measure the program. Only while dist/ is a build of the current sources
 * (scripts/build-stamp.mjs); otherwise the children run the sources through
 * tsx, product included.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { isBuildFresh } from '../scripts/build-stamp.mjs';

const bench = fileURLToPath(new URL('./', import.meta.url));
const out = fileURLToPath(new URL('../dist/bench/', import.meta.url));

/** Rewritten to .js, the product's imports (../../sweep/run-sweep.ts) land on its build (dist/sweep/run-sweep.js). */
const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2023,
  verbatimModuleSyntax: true,
  rewriteRelativeImportExtensions: true,
};

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The folder the compiled bench is in, or null when the build is stale and the children must run the sources. */
export function compileBench(): string | null {
  if (!isBuildFresh()) return null;
  for (const source of sources(bench)) {
    const target = join(out, relative(bench, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions, fileName: source }).outputText);
  }
  return out;
}
