/**
 * Which code the bin runs: the compiled build (dist/, see scripts/build.mjs)
 * when it was built from the sources as they are now, else the TypeScript
 * sources through tsx. A checkout edited since its last build so runs what
 * is written, not what was last compiled.
 */
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** The sources dist/ was built from (paths from the repository root), if that build is of them exactly as they are now; else null. */
export function freshBuild() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(new URL('dist/build-stamp.json', root), 'utf8'));
  } catch {
    return null;
  }
  const sources = Object.entries(stamp.sources ?? {});
  const unchanged = sources.every(([source, mtimeMs]) => {
    try {
      return statSync(new URL(source, root)).mtimeMs === mtimeMs;
    } catch {
      return false;
    }
  });
  return unchanged ? sources.map(([source]) => source) : null;
}

/** True when dist/ holds a build of exactly the current sources. */
export function isBuildFresh() {
  return freshBuild() !== null;
}

/** The CLI's main(), compiled or from source. */
export async function loadMain() {
  if (isBuildFresh()) return (await import(new URL('dist/cli/main.js', root).href)).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import(new URL('cli/main.ts', root).href)).main;
}
