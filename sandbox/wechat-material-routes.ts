/**
 * Materials and published articles: get_material answers an image with its
 * bytes (a news material with JSON), getarticle answers the article list;
 * media/get answers the images and voices the menu hands out (temporary ids)
 * with their bytes; unknown ids get 40007 and 53600 as on the real API.
 */
import type { FunctionWorld } from './functions.ts';
import type { UrlOf } from './menu-shapes.ts';
import { wxError } from './wechat-errors.ts';
import type { Menu } from './model.ts';
import { FileReply, type Route } from './wechat-routes.ts';

/** A tiny JPEG's first bytes: enough for a client that only checks the answer is a file. */
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

function menuMediaIds(menu: Menu): Set<string> {
  const sections = [...menu.sections, ...menu.conditional.flatMap((c) => c.sections)];
  return new Set(sections.flatMap((s) => s.items).flatMap((leaf) => (leaf.type === 'img' ? [leaf.value] : [])));
}

const idOf = (body: unknown, field: string) => (typeof body === 'object' && body !== null ? String((body as Record<string, unknown>)[field] ?? '') : '');

export function materialRoutes(functions: FunctionWorld, urlOf: UrlOf): Route[] {
  return [
    {
      auth: 'token',
      method: 'GET',
      path: '/cgi-bin/media/get',
      handle: (account, request) => (menuMediaIds(account.menu).has(request.query.get('media_id') ?? '') ? new FileReply('image/jpeg', jpeg) : wxError(40007, 'invalid media_id')),
    },
    {
      auth: 'token',
      method: 'POST',
      path: '/cgi-bin/material/get_material',
      handle: (account, request) => {
        const id = idOf(request.body, 'media_id');
        return functions.materials.get(account.api.appId)?.has(id)
          ? { title: '宣传片', description: `${account.name}宣传片`, down_url: 'http://mmbiz.qpic.cn/mmbiz_png/video.mp4' }
          : wxError(40007, 'invalid media_id');
      },
    },
    {
      auth: 'token',
      method: 'POST',
      path: '/cgi-bin/freepublish/getarticle',
      handle: (account, request) => {
        const article = functions.articles.get(account.api.appId)?.get(idOf(request.body, 'article_id'));
        if (!article) return wxError(53600, 'Article ID 无效');
        return {
          news_item: [
            {
              title: article.title,
              author: account.name,
              digest: '',
              content: '',
              content_source_url: '',
              thumb_media_id: 'thumb',
              show_cover_pic: 1,
              need_open_comment: 0,
              only_fans_can_comment: 0,
              url: urlOf(article.link),
              is_deleted: article.deleted,
            },
          ],
        };
      },
    },
  ];
}
