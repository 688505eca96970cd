/**
 * What page analysis hands back (plain data, it crosses from the worker) and
 * the cheap per-account judging of it. Kept apart from the analysis itself
 * (analyze-page.ts), which only the worker loads: the sweep's thread judges
 * findings but never parses a page, so it need not hold the parser, the
 * detectors' word lists and OpenCC's tables.
 */
import type { Problem } from '../core/problems.ts';
import { siteScope } from './domains.ts';
import { hiddenIframe } from './detectors/hidden-iframe.ts';
import { hiddenLinks } from './detectors/hidden-links.ts';
import { scriptRedirectOffsite } from './detectors/script-redirect-offsite.ts';
import type { ScopedFacts } from './parsed-page.ts';
import type { RenderReason } from './render-reasons.ts';
import type { PageInput } from './types.ts';

/**
 * The version of what findPage finds in a page. Sweeps remember each page's
 * findings and reuse them while the page is unchanged and this number is the
 * same: bump it whenever a change in analysis/ (a detector, its word lists, parsing,
 * folding, CSS or script reading, render reasons) could find something else in
 * the same bytes, or pages would keep their old verdicts.
 */
export const analysisVersion = 1;

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

/** The page's problems for each account, from its findings (the scoped detectors are cheap). */
export function judgePage(findings: PageFindings | null): PageProblems {
  if (!findings) return () => [];
  const { fixed, facts } = findings;
  return (accountDomains) => {
    const scoped = { ...facts, scope: siteScope(facts.host, accountDomains) };
    return [...fixed, ...scopedDetectors.flatMap((detect) => detect(scoped))];
  };
}
