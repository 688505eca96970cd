import { analyzeInWorker } from '../analysis/analysis-pool.ts';
import { judgePage, type PageProblems } from '../analysis/analyze-page.ts';
import { registrableDomain, resolveUrl } from '../analysis/domains.ts';
import { problem, type Problem } from '../core/problems.ts';
import type { RenderReason } from '../analysis/render-reasons.ts';
import type { FetchOutcome, TlsInfo } from '../http/types.ts';
import { fetchFailureText } from './fetch-failure-text.ts';

/** WeChat's own hosts (mp.weixin.qq.com …): a menu link that lands there has not left the account. */
const wechatHosts = /(^|\.)qq\.com$/;

const tlsWarningDays = 14;

function withinDomains(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** The redirect chain left the site the menu pointed at and the account's own domains. */
function offsite(url: string, finalUrl: string, domains: readonly string[]): boolean {
  const from = resolveUrl(url)?.hostname ?? '';
  const to = resolveUrl(finalUrl)?.hostname ?? '';
  if (!to || registrableDomain(to) === registrableDomain(from)) return false;
  return !withinDomains(to, domains) && !wechatHosts.test(to);
}

/** A URL's problems for any account's domains, and why a browser should look at it too. */
export interface FetchProblems {
  (domains: readonly string[]): Problem[];
  /** A page came back (any status): there is something for a browser to open. */
  readonly hasPage: boolean;
  readonly renderReasons: readonly RenderReason[];
}

/**
 * Turn what the fetch saw into problems: network and HTTP level here, page
 * content in analysis/ (in a worker thread). The page is analyzed here, once;
 * what is returned holds the evidence and the page's findings, not the body,
 * so a sweep can keep it for every URL and judge it for each account that
 * links there.
 */
export async function classifyFetch(outcome: FetchOutcome): Promise<FetchProblems> {
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
  const findings = await analyzeInWorker({
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
    // A WAF, captcha or maintenance page explains an error status better than the status itself.
    const explained = content.some((p) => p.code === 'blocked-by-waf' || p.code === 'anti-bot' || p.code === 'maintenance');
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
