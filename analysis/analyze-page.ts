/**
 * Page analysis: what a fetched page shows, beyond its status code. Pure and
 * synchronous; the page is decoded and parsed once and every detector reads
 * the same ParsedPage.
 */
import type { Problem } from '../core/problems.ts';
import { isTrustedHost, siteScope } from './domains.ts';
import { antiBot } from './detectors/anti-bot.ts';
import { blockedByWaf } from './detectors/blocked-by-waf.ts';
import { clientRequired } from './detectors/client-required.ts';
import { emptyPage } from './detectors/empty-page.ts';
import { defaultPage } from './detectors/default-page.ts';
import { hijacked } from './detectors/hijacked.ts';
import { maintenance } from './detectors/maintenance.ts';
import { parkedDomain } from './detectors/parked-domain.ts';
import { siteClosed } from './detectors/site-closed.ts';
import { soft404 } from './detectors/soft-404.ts';
import { wechatState } from './detectors/wechat-state.ts';
import { parsePage } from './parse-page.ts';
import { judgePage, type FetchedPage, type PageFindings } from './page-findings.ts';
import type { Detector } from './parsed-page.ts';
import { renderReasons } from './render-reasons.ts';
import type { PageInput } from './types.ts';

/** Detectors that read the page alone, in reporting order. */
const pageDetectors: readonly Detector[] = [
  emptyPage,
  soft404,
  maintenance,
  siteClosed,
  defaultPage,
  parkedDomain,
  blockedByWaf,
  antiBot,
  clientRequired,
  wechatState,
  hijacked,
];
/**
 * Parses the page once and keeps only what judging it for an account needs:
 * the account-independent problems, the hidden links and frames and the redirects. The
 * body, the text and the tree can be collected as soon as this returns.
 * null for a binary body: there is no page to read.
 */
export function findPage(input: FetchedPage): PageFindings | null {
  const page = parsePage({ ...input, accountDomains: [] });
  if (!page) return null;
  const trustedForAll = siteScope(page.host, []);
  return {
    fixed: pageDetectors.flatMap((detect) => detect(page)),
    facts: {
      finalUrl: page.finalUrl,
      host: page.host,
      // Hidden links and frames to a host trusted whatever the account (the page's own site, government sites,
      // the common platforms) never count, so they are not kept: most pages hide a menu of their own links.
      links: page.links.filter((l) => l.hiddenBy !== null && !isTrustedHost(l.host, trustedForAll)),
      frames: page.frames.filter((f) => f.hiddenBy !== null && !isTrustedHost(f.host, trustedForAll)),
      redirects: page.redirects,
    },
    renderReasons: renderReasons(page),
  };
}

/** Problems the page content shows; [] for a healthy page and for binary bodies (PDF, images). */
export function analyzePage(input: PageInput): Problem[] {
  return judgePage(findPage(input))(input.accountDomains);
}
