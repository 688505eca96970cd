/**
 * freepublish/batchget: an account's 发布 (never its 群发), newest first, in
 * pages of at most 20; `no_content: 1` leaves the article bodies out, as the
 * real API does. datacube/getarticletotaldetail: everything 发表 (群发 and 发布)
 * on the days asked, for verified accounts; yesterday at the latest. Times are
 * computed at each request from the publication's age.
 */
import { articleHtml, type PublishWorld } from './publications.ts';
import { wxError } from './wechat-errors.ts';
import type { Route } from './wechat-routes.ts';

const numberOf = (body: unknown, field: string) => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined);

export function publishRoutes(publications: PublishWorld): Route[] {
  return [
    {
      auth: 'token',
      method: 'POST',
      path: '/cgi-bin/freepublish/batchget',
      handle: (account, request) => {
        const offset = numberOf(request.body, 'offset');
        const count = numberOf(request.body, 'count');
        if (typeof offset !== 'number' || offset < 0 || typeof count !== 'number' || count < 1 || count > 20) return wxError(47001);
        const all = (publications.byAppId.get(account.api.appId) ?? []).filter((p) => !p.massSend);
        const withContent = numberOf(request.body, 'no_content') !== 1;
        const now = Math.floor(Date.now() / 1000);
        const item = all.slice(offset, offset + count).map((p) => {
          const time = now - p.ageHours * 3600;
          return {
            article_id: p.articleId,
            content: {
              news_item: p.articles.map((a, i) => ({
                title: a.title,
                author: account.name,
                digest: a.paragraphs[0]?.slice(0, 54) ?? '',
                ...(withContent ? { content: articleHtml(a.paragraphs) } : {}),
                content_source_url: '',
                thumb_media_id: `thumb-${p.articleId}`,
                show_cover_pic: 0,
                need_open_comment: 0,
                only_fans_can_comment: 0,
                url: `https://mp.weixin.qq.com/s/${p.articleId}${i > 0 ? `-${i + 1}` : ''}`,
                is_deleted: a.deleted,
              })),
              create_time: time,
              update_time: time,
            },
            update_time: time,
          };
        });
        return { total_count: all.length, item_count: item.length, item };
      },
    },
    {
      auth: 'token',
      method: 'POST',
      path: '/datacube/getarticletotaldetail',
      handle: (account, request) => {
        if (publications.unverified.has(account.api.appId)) return wxError(48001);
        const begin = numberOf(request.body, 'begin_date');
        const end = numberOf(request.body, 'end_date');
        const yesterday = chinaDate(Date.now() - 86_400_000);
        if (typeof begin !== 'string' || typeof end !== 'string' || !isDate(begin) || !isDate(end) || begin > end || end > yesterday) return wxError(47001);
        const list = (publications.byAppId.get(account.api.appId) ?? []).flatMap((p) => {
          const day = chinaDate(Date.now() - p.ageHours * 3_600_000);
          if (day < begin || day > end) return [];
          return p.articles.map((_, i) => ({ ref_date: day, msgid: `${p.articleId}_${i + 1}`, publish_type: p.massSend ? 0 : 1, detail_list: [] }));
        });
        return { list, is_delay: false };
      },
    },
  ];
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
/** The data cube counts days in China time (UTC+8). */
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
