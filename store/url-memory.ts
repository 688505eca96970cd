import type { MenuSnapshot, UrlMemory } from './schema.ts';

/**
 * The per-URL memory after a sweep: what this sweep learnt replaces what was
 * known, and what it did not fetch is kept only while some account's last
 * menu still links it, so URLs taken out of every menu (and links found only
 * in click replies or articles of an earlier sweep) are forgotten and the
 * memory stays the size of the menus.
 */
export function rememberUrls(
  known: Readonly<Record<string, UrlMemory>>,
  learned: Readonly<Record<string, UrlMemory>>,
  snapshots: Readonly<Record<string, MenuSnapshot>>,
): Record<string, UrlMemory> {
  const linked = new Set(Object.values(snapshots).flatMap((s) => s.items.flatMap((i) => (i.target ? [i.target] : []))));
  const kept = Object.entries(known).filter(([url]) => linked.has(url) && !(url in learned));
  return { ...Object.fromEntries(kept), ...learned };
}
