/**
 * Links are stored as host + path; these turn them into what goes on the wire.
 */
import type { Link } from './model.ts';

/** The key a page is stored under: path + query as a client sends them (no fragment). */
export function pageKey(path: string): string {
  const url = new URL(path, 'http://sandbox.invalid');
  return url.pathname + url.search;
}

export function linkUrl(link: Link, port: number): string {
  return `http://${link.host}:${port}${link.path}`;
}
