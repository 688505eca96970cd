/** The resolve hook of compiled.mjs: a source the build compiled (…/sweep/run-sweep.ts) → its build (…/dist/sweep/run-sweep.js). */
const root = new URL('../', import.meta.url).href;
let built = new Set();

export function initialize({ sources }) {
  built = new Set(sources.filter((source) => source.endsWith('.ts')).map((source) => root + source));
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!built.has(resolved.url)) return resolved;
  return { ...resolved, url: `${root}dist/${resolved.url.slice(root.length, -'.ts'.length)}.js`, format: 'module' };
}
