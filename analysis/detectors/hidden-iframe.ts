import { problem, type Problem } from '../../core/problems.ts';
import { interfaceHiding, type HidingReason } from '../css.ts';
import { isTrustedHost } from '../domains.ts';
import { looksLikeSpam, techniqueLabel } from '../hiding.ts';
import type { PageFrame, ScopedFacts } from '../parsed-page.ts';

/** A zero-size frame is not a box of text: it is the frame itself that has no size. */
const frameLabel: Readonly<Record<HidingReason, string>> = { ...techniqueLabel, 'zero-size': '宽或高设为 0' };

/** Hidden by ordinary means, frames of two foreign sites at once are not a closed pop-up. */
const frameFarmHosts = 2;

/**
 * Frames that load another site where a visitor cannot see them: the page
 * counts a visit, runs scripts or feeds search engines for that site (挂马,
 * 流量劫持, gambling frames). Judged like hidden links: frames of the page's own
 * site, the account's domains, government sites and common platforms never
 * count (a same-site statistics frame is ordinary); stealth techniques (zero
 * size, off-screen, clipped …) count on their own; display:none / visibility /
 * opacity also hide a chat or login pop-up until it opens, so they count only
 * with spam wording in the address or title, a spam TLD, or several such frames.
 */
export function hiddenIframe(page: ScopedFacts): Problem[] {
  const foreign = page.frames.filter(isHidden).filter((f) => !isTrustedHost(f.host, page.scope));
  const hiddenLikePopUp = (f: HiddenFrame) => interfaceHiding.has(f.hiddenBy);
  const farm = new Set(foreign.filter(hiddenLikePopUp).map((f) => f.host)).size >= frameFarmHosts;
  const counted = foreign.filter((f) => !hiddenLikePopUp(f) || farm || looksLikeSpam(f.host, `${f.text} ${f.src}`));
  const first = counted[0];
  if (!first) return [];

  const hosts = [...new Set(counted.map((f) => f.host))];
  const how = [...new Set(counted.map((f) => frameLabel[f.hiddenBy]))].join('、');
  return [
    problem('hidden-iframe', `隐藏加载了 ${hosts.join('、')}，手法：${how}`, {
      finalUrl: page.finalUrl,
      matched: hosts,
      hosts,
      techniques: [...new Set(counted.map((f) => (f.written ? `document.write ${f.hiddenBy}` : f.hiddenBy)))],
      snippet: `<iframe src="${first.src}">`,
      where: 'hidden',
      frames: counted.slice(0, 10).map((f) => ({ src: f.src, hiddenBy: f.hiddenBy })),
    }),
  ];
}

type HiddenFrame = PageFrame & { readonly hiddenBy: HidingReason };

function isHidden(frame: PageFrame): frame is HiddenFrame {
  return frame.hiddenBy !== null;
}
