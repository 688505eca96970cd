import { problem, type Problem } from '../../core/problems.ts';
import { findHits, hitsIn, quote, textEvidence } from '../matching.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { isNoticeSized } from '../shape.ts';

/** What verification and rate-limit pages say (WeChat 环境异常, 百度安全验证, Aliyun/Cloudflare challenges). */
const challenge = new RegExp(
  [
    '当前环境异常|环境异常,?完成验证|完成验证后(即可)?继续访问',
    '(访问|操作|请求)过于频繁|访问频率过(高|快)',
    '请完成(下方|以下)?(安全|人机)?验证|人机验证|安全验证',
    'unusual traffic|checking your browser|just a moment|verify you are human',
  ].join('|'),
  'g',
);

/** Slider captcha wording; login forms use it too, so it only counts on a bare page. */
const slider = /(拖动|滑动|拖拽)(下方|左侧|以下)?滑块|向右(滑动|拖动)|^去验证$/g;
const bareChallengeChars = 60;

/** A captcha or "too many requests" page stands between the checker and the page (warn, never fail). */
export function antiBot(page: ParsedPage): Problem[] {
  if (!isNoticeSized(page)) return [];
  const statements = findHits(page, challenge, ['title', 'visible']);
  const sliders =
    page.visibleChars <= bareChallengeChars ? page.blocks.flatMap((b) => hitsIn(b.text, slider, 'visible')) : [];
  const hits = [...statements, ...sliders];
  if (hits.length === 0) return [];
  return [problem('anti-bot', `网页提示：${quote(page, hits)}`, textEvidence(page, hits))];
}
