import { defaultMenu, type AccountMenu } from '../core/menu.ts';
import type { MenuProblem } from '../core/menu-structure.ts';
import { problem } from '../core/problems.ts';
import { isWeChatHost, registrableDomain } from '../core/sites.ts';

/** WeChat lets one account's menu links use at most 3 domains (errcode 65316 on save). */
const maxLinkDomains = 3;

function linkDomains(menu: AccountMenu, name: string): string[] {
  const sites = new Set<string>();
  for (const item of menu.items) {
    if (item.menu !== name || item.kind !== 'view' || !item.target) continue;
    try {
      // WeChat's own pages don't count against the limit.
      const host = new URL(item.target).hostname;
      if (!isWeChatHost(host)) sites.add(registrableDomain(host));
    } catch {
      // An invalid URL is the item checker's to report.
    }
  }
  return [...sites].sort();
}

/** Problems of the menu as a whole: switched off, empty, malformed, or linking too many sites. */
export function menuProblems(menu: AccountMenu): MenuProblem[] {
  const whole = (p: ReturnType<typeof problem>): MenuProblem => ({ ...p, menu: defaultMenu, path: [] });
  if (!menu.open) return [whole(problem('menu-disabled', undefined, { isMenuOpen: 0 }))];
  if (menu.items.length === 0 && menu.problems.length === 0) return [whole(problem('menu-empty'))];
  const out = [...menu.problems];
  for (const name of new Set(menu.items.map((i) => i.menu))) {
    const sites = linkDomains(menu, name);
    if (sites.length > maxLinkDomains) {
      out.push({ ...problem('menu-structure', `菜单链接用了 ${sites.length} 个网站域名（${sites.join('、')}），微信规定最多 ${maxLinkDomains} 个`, { sites }), menu: name, path: [] });
    }
  }
  return out;
}
