import { problem, type Problem } from '../../core/problems.ts';
import { textEvidence } from '../matching.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { isSuccess, isWeChatPage } from '../shape.ts';
import { stateDetail, stateHits, type StateWording } from '../state-page.ts';

/**
 * Work in progress, not the noun: footers say 「网站维护：某某中心」 and speeches
 * 「维护中国……」, so 维护 must be tied to a system and to 中/期间/正在.
 */
const wording: StateWording = {
  phrase: new RegExp(
    [
      '(系统|网站|平台|服务器|站点|网页|页面|服务|数据库|网络)[^。!?,;\\n]{0,8}?(维护|升级|调试|检修|停机|割接)(中(?![心国华央])|期间)',
      '正在(进行)?(系统|网站|平台|服务器|数据库)?(维护|升级|调试|检修)',
      '暂停(服务|访问|对外服务|使用)',
      'under maintenance|service (temporarily )?unavailable',
    ].join('|'),
    'g',
  ),
  heading: /^(系统|网站|平台|服务器|站点)?(正在)?(维护|升级|停机维护|升级维护|维护升级)(中|公告|通知|提示)?$/g,
};

/** A page saying the system is down for maintenance; 503 is the status such pages are meant to carry. */
export function maintenance(page: ParsedPage): Problem[] {
  if ((!isSuccess(page) && page.input.status !== 503) || isWeChatPage(page)) return [];
  const hits = stateHits(page, wording);
  if (hits.length === 0) return [];
  return [problem('maintenance', stateDetail(page, hits), textEvidence(page, hits))];
}
