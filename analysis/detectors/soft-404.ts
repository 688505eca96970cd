import { problem, type Problem } from '../../core/problems.ts';
import { textEvidence } from '../matching.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { scanByPrefixes } from '../prefixes.ts';
import { isSuccess, isWeChatPage } from '../shape.ts';
import { stateDetail, stateHits, type StateWording } from '../state-page.ts';

/** Something (page, article, column …) followed closely by a "gone" verb, plus the common English and playful forms. */
const wording: StateWording = {
  // Scanned by its prefixes (prefixes.ts): V8 was slower here.
  phrase: scanByPrefixes(new RegExp(
    [
      '(页面|网页|文章|信息|内容|栏目|资源|文件|链接|稿件|新闻|网址|地址|数据|记录)[^。!?,;\\n]{0,10}?' +
        '(不存在|未找到|找不到|无法找到|已删除|已被删除|已移除|已被移除|已被移动|已过期|已下线|已撤销|已被撤销|已失效|已关闭|已停用)',
      '找不到(该|此|您要的|您请求的|所请求的)?(页面|网页|文件)',
      '(页面|网页)(走丢|迷路|飞走|不见)了',
      '404 not found',
      '^(error )?404$',
    ].join('|'),
    'g',
  )),
  // Not 出错/错误: 「抱歉，出错了」 also titles WeChat-only and login-expired pages.
  heading: /(^|\D)404(\D|$)|not found|不存在|未找到|找不到|无法找到|已删除|已被删除|已撤销|已下线|已失效/g,
};

/** A 2xx page that tells the visitor the thing is gone (an error status is already an http-error). */
export function soft404(page: ParsedPage): Problem[] {
  if (!isSuccess(page) || isWeChatPage(page)) return [];
  const hits = stateHits(page, wording);
  if (hits.length === 0) return [];
  return [problem('soft-404', stateDetail(page, hits), textEvidence(page, hits))];
}
