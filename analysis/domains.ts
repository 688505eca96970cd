/**
 * Registrable domains ("which site is this?") and which hosts a page may
 * legitimately send people to. Deliberately small: no public-suffix list, just
 * the shapes government links actually use.
 */

/** Second-level labels under a country TLD that are suffixes, not sites (gov.cn, com.hk, co.uk). */
const genericSecondLevel = new Set(['gov', 'com', 'net', 'org', 'edu', 'ac', 'co', 'mil']);

/** .cn also has one public second level per province (bj.cn, zj.cn …). */
const chineseProvinceSecondLevel = new Set(
  'bj sh tj cq he sx nm ln jl hl js zj ah fj jx sd ha hb hn gd gx hi sc gz yn xz sn gs qh nx xj tw hk mo'.split(' '),
);

/**
 * Well-known platforms that government pages embed or link to for sharing,
 * statistics and the 党政机关 badge; nobody hijacks a page to send visitors there.
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

const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The registrable domain of a host: "www.zlt.gov.cn" → "zlt.gov.cn", "a.b.example.com" → "example.com". */
export function registrableDomain(host: string): string {
  const clean = host.trim().toLowerCase().replace(/\.$/, '');
  if (ipv4.test(clean) || clean.includes(':')) return clean;
  const labels = clean.split('.');
  if (labels.length <= 2) return clean;
  const tld = labels.at(-1) ?? '';
  const second = labels.at(-2) ?? '';
  const isSuffix =
    tld.length === 2 && (genericSecondLevel.has(second) || (tld === 'cn' && chineseProvinceSecondLevel.has(second)));
  return labels.slice(isSuffix ? -3 : -2).join('.');
}

/** `href` resolved against `base`; null when it is not an http(s) URL. */
export function resolveUrl(href: string, base?: string): URL | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The sites a page counts as its own: the final URL's site plus the account's domains. */
export interface SiteScope {
  readonly site: string;
  readonly accountSites: ReadonlySet<string>;
}

export function siteScope(finalHost: string, accountDomains: readonly string[]): SiteScope {
  return {
    site: registrableDomain(finalHost),
    accountSites: new Set(accountDomains.map(registrableDomain)),
  };
}

function isOwnHost(host: string, scope: SiteScope): boolean {
  const site = registrableDomain(host);
  return site === scope.site || scope.accountSites.has(site);
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
