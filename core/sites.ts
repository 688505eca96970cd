/**
 * Which site a host belongs to, and the two host rules every part of the
 * product shares: "is this WeChat's own host" and "is this the account's own
 * domain". Deliberately small: no public-suffix list, just the shapes
 * government links actually use.
 */

/** Second-level labels under a country TLD that are suffixes, not sites (gov.cn, com.hk, co.uk). */
const genericSecondLevel = new Set(['gov', 'com', 'net', 'org', 'edu', 'ac', 'co', 'mil']);

/** .cn also has one public second level per province (bj.cn, zj.cn …). */
const chineseProvinceSecondLevel = new Set(
  'bj sh tj cq he sx nm ln jl hl js zj ah fj jx sd ha hb hn gd gx hi sc gz yn xz sn gs qh nx xj tw hk mo'.split(' '),
);

const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The registrable domain of a host: "www.zlt.gov.cn" → "zlt.gov.cn", "a.b.example.com" → "example.com"; an IP is its own site. */
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

/** Both hosts belong to the same site (registrable domain). */
export function sameSite(a: string, b: string): boolean {
  return registrableDomain(a) === registrableDomain(b);
}

/**
 * The account's own domain: the host is on the same site as one of the
 * account's configured domains. A site, not a suffix: `bwg.zlt.gov.cn`
 * configured covers `www.zlt.gov.cn`, while `evilzlt.gov.cn` is someone else.
 */
export function isAccountHost(host: string, accountDomains: readonly string[]): boolean {
  return accountDomains.some((domain) => sameSite(host, domain));
}

/**
 * WeChat's own hosts (articles, message pages, OAuth, resources): a menu link
 * that lands there has not left WeChat, and they don't count against the
 * menu's link-domain limit. Other qq.com sites (news, video) are not WeChat.
 */
const wechatHost = /^(?:(?:[a-z0-9-]+\.)*(?:weixin|wx)\.qq\.com|weixin110\.qq\.com)$/;

export function isWeChatHost(host: string): boolean {
  return wechatHost.test(host.trim().toLowerCase().replace(/\.$/, ''));
}
