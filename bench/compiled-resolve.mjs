/** The resolve hook of compiled.mjs: a product source (…/sweep/run-sweep.ts) → its build (…/dist/sweep/run-sweep.js). */
import { existsSync } from 'node:fs';

const root = new URL('../', import.meta.url).href;
const notProduct = ['bench/', 'test/', 'node_modules/', 'dist/', 'scripts/'];

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const { url } = resolved;
  if (!url.startsWith(root) || !url.endsWith('.ts')) return resolved;
  const path = url.slice(root.length);
  if (notProduct.some((folder) => path.startsWith(folder))) return resolved;
  const built = new URL(`dist/${path.replace(/\.ts$/, '.js')}`, root);
  return existsSync(built) ? { ...resolved, url: built.href, format: 'module' } : resolved;
}
