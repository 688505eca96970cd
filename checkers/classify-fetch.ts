import type { PageAnalyzer } from '../analysis/analysis-pool.ts';
import { judgePage, type PageProblems } from '../analysis/page-findings.ts';
import { resolveUrl } from '../analysis/domains.ts';
import type { RenderReason } from '../analysis/render-reasons.ts';
import { problem, type Problem, type ProblemCode } from '../core/problems.ts';
import { isAccountHost, isWeChatHost, sameSite } from '../core/sites.ts';
import type { FetchErrorCode, FetchFailure, FetchResponse, TlsInfo } from '../http/types.ts';
import { fetchFailureText } from './fetch-failure-text.ts';

const tlsWarningDays = 14;

/** Pages that say why the server refused: a cloud's 未备案 block page is a 403, CentOS's test page too. */
const explainsStatus = new Set<ProblemCode>(['blocked-by-waf', 'anti-bot', 'maintenance', 'site-closed', 'default-page', 'parked-domain']);

/** The redirect chain left the site the menu pointed at and the account's own domains. */
function offsite(url: string, finalUrl: string, domains: readonly string[]): boolean {
  const from = resolveUrl(url)?.hostname ?? '';
  const to = resolveUrl(finalUrl)?.hostname ?? '';
  if (!to || sameSite(to, from)) return false;
  return !isAccountHost(to, domains) && !isWeChatHost(to);
}

/** What the fetch learnt about the site (a proxy's refusal says nothing about it: see link-check.ts). */
export type SiteOutcome = FetchResponse | (FetchFailure & { readonly error: Exclude<FetchErrorCode, 'proxy-refused'> });

/** A URL's problems for any account's domains, and why a browser should look at it too. */
export interface FetchProblems {
  (domains: readonly string[]): Problem[];
  /** A page came back (any status): there is something for a browser to open. */
  readonly hasPage: boolean;
  readonly renderReasons: readonly RenderReason[];
}

/**
 * Turn what the fetch saw into problems: network and HTTP level here, page
 * content in analysis/ (by the sweep's analyzer, in a worker thread). The page is analyzed here, once;
 * what is returned holds the evidence and the page's findings, not the body,
 * so a sweep can keep it for every URL and judge it for each account that
 * links there.
 */
export async function classifyFetch(outcome: SiteOutcome, analyzer: PageAnalyzer): Promise<FetchProblems> {
  const evidence = {
    url: outcome.url,
    finalUrl: outcome.finalUrl,
    chain: outcome.chain,
    attempts: outcome.attempts,
    elapsedMs: outcome.elapsedMs,
  };
  if (!outcome.ok) {
    const failure = problem(outcome.error, fetchFailureText(outcome), { ...evidence, detail: outcome.detail });
    return Object.assign(() => [failure], { hasPage: false, renderReasons: [] });
  }
  const findings = await analyzer.analyze({
    url: outcome.url,
    finalUrl: outcome.finalUrl,
    status: outcome.status,
    headers: outcome.headers,
    body: outcome.body,
  });
  return Object.assign(judge({ ...evidence, status: outcome.status }, judgePage(findings), outcome.tls), { hasPage: true, renderReasons: findings?.renderReasons ?? [] });
}

// Its own scope, so the returned closure cannot keep the outcome (and its body) alive.
function judge(withStatus: Record<string, unknown> & { url: string; finalUrl: string; status: number }, page: PageProblems, tls: TlsInfo | undefined): (domains: readonly string[]) => Problem[] {
  return (domains) => {
    const content = page(domains).map((p) => ({ ...p, evidence: { ...withStatus, ...p.evidence } }));
    const problems: Problem[] = [];
    // A WAF, captcha, maintenance or closed-site page explains an error status better than the status itself.
    const explained = content.some((p) => explainsStatus.has(p.code));
    if (withStatus.status >= 400 && !explained) problems.push(problem('http-error', `HTTP ${withStatus.status}`, withStatus));
    if (offsite(withStatus.url, withStatus.finalUrl, domains)) {
      problems.push(problem('redirect-offsite', `跳转到了 ${resolveUrl(withStatus.finalUrl)?.hostname ?? withStatus.finalUrl}`, withStatus));
    }
    if (tls && tls.daysLeft <= tlsWarningDays) {
      problems.push(problem('tls-expiring', `还剩 ${Math.max(0, Math.floor(tls.daysLeft))} 天`, { ...withStatus, tls }));
    }
    return [...problems, ...content];
  };
}
