import { isTrustedHost, resolveUrl } from './domains.ts';
import { statistics } from './detectors/empty-page.ts';
import type { ParsedPage } from './parsed-page.ts';

/**
 * Why the delivered HTML alone cannot be trusted to show what the citizen
 * sees, so the page is worth a browser: a script shell builds everything
 * after load; a script from another site or an inline title/location change
 * is how hijacks arrive. A browser costs ~1 s of CPU, so only these are rendered.
 */
export type RenderReason = 'script-shell' | 'foreign-script' | 'inline-title-or-location';

/** Visible letters and digits below which a page with scripts is a shell. */
const shellChars = 40;
/** Where SPA frameworks mount (Vue, React, Nuxt, Next, uni-app). */
const mountIds = /^(app|root|__nuxt|__next|main|container|uni-app)$/i;
const titleOrLocation = /\bdocument\s*\.\s*title\s*=(?!=)|\blocation(?:\s*\.\s*href)?\s*=(?!=)|\blocation\s*\.\s*(?:replace|assign)\s*\(/;

export function renderReasons(page: ParsedPage): RenderReason[] {
  const reasons: RenderReason[] = [];
  const external = page.scripts.flatMap((s) => (s.src !== null && !statistics.test(s.src) ? [resolveUrl(s.src, page.finalUrl)?.hostname ?? ''] : []));
  const mounted = [...page.ids].some((id) => mountIds.test(id));
  if (page.visibleChars < shellChars && !page.hasMedia && (external.length > 0 || (mounted && page.scripts.length > 0))) reasons.push('script-shell');
  if (external.some((host) => host !== '' && !isTrustedHost(host, page.scope))) reasons.push('foreign-script');
  if (page.scripts.some((s) => s.src === null && titleOrLocation.test(s.text))) reasons.push('inline-title-or-location');
  return reasons;
}
