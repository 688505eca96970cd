/**
 * Preloaded into the bench's phase processes after tsx: the product's modules
 * resolve to their compiled build in dist/ (when it is a build of the current
 * sources), so the figures are those of the program `npm ci` installs. The
 * bench's own files still run through tsx.
 */
import { register } from 'node:module';
import { freshBuild } from '../scripts/build-stamp.mjs';

const sources = freshBuild();
if (sources) register('./compiled-resolve.mjs', { parentURL: import.meta.url, data: { sources } });
