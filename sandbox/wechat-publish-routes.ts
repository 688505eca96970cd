/**
 * freepublish/batchget: an account's publications, newest first, in pages of
 * at most 20; `no_content: 1` leaves the article bodies out, as the real API
 * does. Times are computed at each request from the publication's age.
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
        const all = publications.byAppId.get(account.api.appId) ?? [];
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
  ];
}
