/**
 * What hidden links and hidden frames share: how each hiding technique is
 * named to a clerk, and what makes something hidden look like spam rather
 * than a closed drop-down menu.
 */
import type { HidingReason } from './css.ts';
import { plainTerms, spamTld, strongTerms } from './hijack-terms.ts';

export const techniqueLabel: Readonly<Record<HidingReason, string>> = {
  'display:none': '设置为不显示',
  'visibility:hidden': '设置为不可见',
  'opacity:0': '完全透明',
  'font-size': '字号小于 1 像素',
  'line-height': '行高小于 1 像素',
  'off-screen': '移到屏幕之外',
  'text-indent': '文字缩进到屏幕之外',
  marquee: '极小的滚动字幕',
  clip: '裁剪为零',
  'zero-size': '放在零尺寸的容器里',
  'z-index': '压在页面底层',
  colour: '文字颜色与背景相同',
  script: '由脚本隐藏',
};

const spamWording = new RegExp(`${strongTerms.source}|${plainTerms.source}`);

/** A throwaway TLD, or gambling/porn wording in the element's text or address. */
export function looksLikeSpam(host: string, text: string): boolean {
  return spamTld.test(host) || spamWording.test(text);
}
