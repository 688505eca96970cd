import { problem, type Problem } from '../../core/problems.ts';
import { interfaceHiding, type HidingReason } from '../css.ts';
import { isTrustedHost } from '../domains.ts';
import { looksLikeSpam, techniqueLabel } from '../hiding.ts';
import type { PageLink, ScopedFacts } from '../parsed-page.ts';

/** Hidden by ordinary means, several foreign hosts at once look like a link farm, not a drop-down menu. */
const linkFarmHosts = 3;

/**
 * Links to other sites that a visitor cannot see (暗链). Links to the page's own
 * site, the account's domains, government sites and common platforms never
 * count. Stealth techniques (off-screen, 1px fonts, tiny marquee, hidden by a
 * later script …) count on their own; display:none / visibility / opacity also
 * hide menus and pop-ups, so they count only with spam wording, a spam TLD or
 * as a block of several foreign hosts.
 */
export function hiddenLinks(page: ScopedFacts): Problem[] {
  const foreign = page.links.filter(isHidden).filter((l) => !isTrustedHost(l.host, page.scope));
  const hiddenLikeMenu = (l: HiddenLink) => interfaceHiding.has(l.hiddenBy);
  const farm = new Set(foreign.filter(hiddenLikeMenu).map((l) => l.host)).size >= linkFarmHosts;
  const counted = foreign.filter((l) => !hiddenLikeMenu(l) || farm || looksLikeSpam(l.host, `${l.text} ${l.href}`));
  const first = counted[0];
  if (!first) return [];

  const hosts = [...new Set(counted.map((l) => l.host))];
  const techniques = [...new Set(counted.map((l) => (l.written ? `document.write ${l.hiddenBy}` : l.hiddenBy)))];
  const how = [...new Set(counted.map((l) => techniqueLabel[l.hiddenBy]))].join('、');
  return [
    problem('hidden-links', `${hosts.length} 个外部网站的链接被隐藏，手法：${how}`, {
      finalUrl: page.finalUrl,
      matched: hosts,
      hosts,
      techniques,
      snippet: `<a href="${first.href}">${first.text.slice(0, 40)}</a>`,
      where: 'hidden',
      links: counted.slice(0, 20).map((l) => ({ href: l.href, text: l.text.slice(0, 40), hiddenBy: l.hiddenBy })),
    }),
  ];
}

type HiddenLink = PageLink & { readonly hiddenBy: HidingReason };

function isHidden(link: PageLink): link is HiddenLink {
  return link.hiddenBy !== null;
}
