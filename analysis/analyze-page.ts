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
import { hiddenIframe } from './detectors/hidden-iframe.ts';
import { hiddenLinks } from './detectors/hidden-links.ts';
import { hijacked } from './detectors/hijacked.ts';
import { maintenance } from './detectors/maintenance.ts';
import { parkedDomain } from './detectors/parked-domain.ts';
import { scriptRedirectOffsite } from './detectors/script-redirect-offsite.ts';
import { siteClosed } from './detectors/site-closed.ts';
import { soft404 } from './detectors/soft-404.ts';
import { wechatState } from './detectors/wechat-state.ts';
import { parsePage } from './parse-page.ts';
import { renderReasons, type RenderReason } from './render-reasons.ts';
import type { Detector, ScopedFacts } from './parsed-page.ts';
import type { PageInput } from './types.ts';

/**
 * The version of what findPage finds in a page. Sweeps remember each page's
 * findings and reuse them while the page is unchanged and this number is the
 * same: bump it whenever a change here (a detector, its word lists, parsing,
 * folding, CSS or script reading, render reasons) could find something else in
 * the same bytes, or pages would keep their old verdicts.
 */
export const analysisVersion = 1;

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
/** Detectors that also read the account's domains; their problems come after the others'. */
const scopedDetectors: readonly ((facts: ScopedFacts) => Problem[])[] = [hiddenLinks, hiddenIframe, scriptRedirectOffsite];

/** A page's problems for any account's domains. */
export type PageProblems = (accountDomains: readonly string[]) => Problem[];

/** What judging a page for an account needs, as plain data (it crosses from the analysis worker). */
export interface PageFindings {
  /** Problems that do not depend on the account. */
  readonly fixed: readonly Problem[];
  readonly facts: Omit<ScopedFacts, 'scope'> & { readonly host: string };
  /** Why the page should also be opened in a browser; empty when the delivered HTML tells all. */
  readonly renderReasons: readonly RenderReason[];
}

/** The page as fetched; analysis does not depend on who links to it. */
export type FetchedPage = Omit<PageInput, 'accountDomains'>;

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

/** The page's problems for each account, from its findings (the scoped detectors are cheap). */
export function judgePage(findings: PageFindings | null): PageProblems {
  if (!findings) return () => [];
  const { fixed, facts } = findings;
  return (accountDomains) => {
    const scoped = { ...facts, scope: siteScope(facts.host, accountDomains) };
    return [...fixed, ...scopedDetectors.flatMap((detect) => detect(scoped))];
  };
}

/** Problems the page content shows; [] for a healthy page and for binary bodies (PDF, images). */
export function analyzePage(input: PageInput): Problem[] {
  return judgePage(findPage(input))(input.accountDomains);
}
