import { analyzePage } from '../analysis/analyze-page.ts';
import { registrableDomain } from '../analysis/domains.ts';
import { problem, type Problem } from '../core/problems.ts';
import type { FetchOutcome } from '../http/types.ts';
import { fetchFailureText } from './fetch-failure-text.ts';

/** WeChat's own hosts: a menu link that lands there has not left the account. */
const wechatHosts = /(^|\.)(weixin\.qq\.com|qq\.com)$/;

const tlsWarningDays = 14;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function withinDomains(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

/** The redirect chain left the site the menu pointed at and the account's own domains. */
function offsite(url: string, finalUrl: string, domains: readonly string[]): boolean {
  const from = hostOf(url);
  const to = hostOf(finalUrl);
  if (!to || registrableDomain(to) === registrableDomain(from)) return false;
  return !withinDomains(to, domains) && !wechatHosts.test(to);
}

/** Turn what the fetch saw into problems: network and HTTP level here, page content in analysis/. */
export function classifyFetch(outcome: FetchOutcome, domains: readonly string[]): Problem[] {
  const evidence = {
    url: outcome.url,
    finalUrl: outcome.finalUrl,
    chain: outcome.chain,
    attempts: outcome.attempts,
    elapsedMs: outcome.elapsedMs,
  };
  if (!outcome.ok) return [problem(outcome.error, fetchFailureText(outcome), { ...evidence, detail: outcome.detail })];

  const withStatus = { ...evidence, status: outcome.status };
  const content = analyzePage({
    url: outcome.url,
    finalUrl: outcome.finalUrl,
    status: outcome.status,
    headers: outcome.headers,
    body: outcome.body,
    accountDomains: domains,
  }).map((p) => ({ ...p, evidence: { ...withStatus, ...p.evidence } }));

  const problems: Problem[] = [];
  // A WAF, captcha or maintenance page explains an error status better than the status itself.
  const explained = content.some((p) => p.code === 'blocked-by-waf' || p.code === 'anti-bot' || p.code === 'maintenance');
  if (outcome.status >= 400 && !explained) problems.push(problem('http-error', `HTTP ${outcome.status}`, withStatus));
  if (offsite(outcome.url, outcome.finalUrl, domains)) {
    problems.push(problem('redirect-offsite', `跳转到了 ${hostOf(outcome.finalUrl)}`, withStatus));
  }
  if (outcome.tls && outcome.tls.daysLeft <= tlsWarningDays) {
    problems.push(problem('tls-expiring', `还剩 ${Math.max(0, Math.floor(outcome.tls.daysLeft))} 天`, { ...withStatus, tls: outcome.tls }));
  }
  return [...problems, ...content];
}
