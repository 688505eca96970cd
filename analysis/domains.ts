/**
 * Which hosts a page may legitimately send people to. The site rules
 * themselves (registrable domain, the account's own domain) live in core/sites.ts.
 */
import { isAccountHost, registrableDomain, sameSite } from '../core/sites.ts';

/**
 * Well-known platforms that government pages embed or link to for sharing,
 * statistics and the 党政机关 badge; nobody hijacks a page to send visitors there.
 * qq.com is the whole platform (QQ share and connect widgets), WeChat's hosts included.
 */
const platformDomains = new Set([
  'qq.com',
  'weibo.com',
  'weibo.cn',
  'sina.com.cn',
  'baidu.com',
  'cnzz.com',
  '51.la',
  'conac.cn',
  '12377.cn',
  'people.com.cn',
  'xinhuanet.com',
  'news.cn',
  'cctv.com',
  'cntv.cn',
]);

/** `href` resolved against `base`; null when it is not an http(s) URL. */
export function resolveUrl(href: string, base?: string): URL | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL and its lower-case host. */
export interface ResolvedLink {
  readonly href: string;
  readonly host: string;
}

/** A root-relative path of plain characters: resolving it only puts the origin in front (no dot segments, escapes, query). */
const plainPath = /^\/[\w~-][\w~/.-]*$/;

/**
 * resolveUrl for the many links of one page, as href and host. A page lists hundreds of links like
 * "/art/2022/1234.html"; parsing each as a URL was a twentieth of the analysis.
 */
export function linkResolver(base: string): (href: string) => ResolvedLink | null {
  const parsed = resolveUrl(base);
  const prefix = parsed && parsed.username === '' && parsed.password === '' ? `${parsed.protocol}//${parsed.host}` : null;
  const host = parsed?.hostname.toLowerCase() ?? '';
  return (href) => {
    if (prefix !== null && plainPath.test(href) && !href.includes('/.')) return { href: prefix + href, host };
    const url = resolveUrl(href, base);
    return url && { href: url.href, host: url.hostname.toLowerCase() };
  };
}

/** The sites a page counts as its own: the final URL's site plus the account's domains. */
export interface SiteScope {
  readonly host: string;
  readonly accountDomains: readonly string[];
}

export function siteScope(finalHost: string, accountDomains: readonly string[]): SiteScope {
  return { host: finalHost, accountDomains };
}

function isOwnHost(host: string, scope: SiteScope): boolean {
  return sameSite(host, scope.host) || isAccountHost(host, scope.accountDomains);
}

function isGovernmentHost(host: string): boolean {
  return host === 'gov.cn' || host.endsWith('.gov.cn');
}

/**
 * Hosts a link or redirect may point to without raising suspicion: the page's
 * own sites, any government site (portals routinely send people to the
 * provincial 政务服务网) and the platforms above.
 */
export function isTrustedHost(host: string, scope: SiteScope): boolean {
  return isOwnHost(host, scope) || isGovernmentHost(host) || platformDomains.has(registrableDomain(host));
}
