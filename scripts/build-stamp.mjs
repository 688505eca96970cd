/**
 * Whether dist/ is a build of the sources as they are now, by the stamp
 * scripts/build.mjs writes. The bin does not care (it always runs dist/); the
 * bench and the memory test do, so their figures are those of the current code.
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
