import { problem, type Problem } from '../../core/problems.ts';
import { isTrustedHost } from '../domains.ts';
import type { ScopedFacts } from '../parsed-page.ts';

const conditionLabel = { referrer: '只对从搜索引擎进入的访客跳转', 'user-agent': '按浏览器类型决定是否跳转' } as const;

/**
 * A meta refresh or a script sending the visitor to a site that is neither the
 * page's own, the account's, a government site nor WeChat (WeChat OAuth is
 * client-required, not a hijack). Cloaking scripts that redirect only visitors
 * from Baidu are reported with that condition.
 */
export function scriptRedirectOffsite(page: ScopedFacts): Problem[] {
  const offsite = page.redirects.filter((r) => !isTrustedHost(r.host, page.scope));
  const first = offsite[0];
  if (!first) return [];
  const hosts = [...new Set(offsite.map((r) => r.host))];
  const how = first.via === 'meta-refresh' ? '网页设置了自动刷新跳转' : '网页脚本会跳转';
  const condition = first.conditional ? `，${conditionLabel[first.conditional]}` : '';
  return [
    problem('script-redirect-offsite', `${how}到 ${hosts.join('、')}${condition}`, {
      finalUrl: page.finalUrl,
      matched: hosts,
      targets: offsite.map((r) => r.target),
      snippet: first.snippet,
      where: first.via === 'meta-refresh' ? 'meta' : 'script',
      conditional: first.conditional,
    }),
  ];
}
