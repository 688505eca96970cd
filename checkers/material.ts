import type { WeChatApiError } from '../core/errors.ts';
import type { MenuItem } from '../core/menu.ts';
import { problem } from '../core/problems.ts';
import { skipped, verdictOf, type Verdict } from '../core/results.ts';
import { askCached } from '../wechat/ask-cached.ts';
import type { CheckContext, Checker } from './types.ts';

const needsApi =
  '这个菜单发送的是公众号素材或已发布的文章，需要通过微信接口确认它还存在。请在配置文件里为本账号填写 appId 和 appSecret；' +
  '在那之前，请在手机微信里点一下这个菜单，确认能正常显示。';

/** The API's refusal, for this time: the item is skipped with WeChat's hint. */
const refused = (error: WeChatApiError) => skipped(`这次无法通过微信接口确认（${error.errcode}）：${error.hint}`);

async function checkMaterial(mediaId: string, ctx: CheckContext): Promise<Verdict> {
  const api = ctx.api!;
  const exists = await askCached(
    ctx,
    `material:${ctx.account.appId}:${mediaId}`,
    async () => {
      await api.post('cgi-bin/material/get_material', { media_id: mediaId });
      return true;
    },
    { errcode: 40007, value: false },
  );
  if ('error' in exists) return refused(exists.error);
  return verdictOf(exists.value ? [] : [problem('material-missing', `素材编号 ${mediaId}`, { mediaId, errcode: 40007 })]);
}

interface Article {
  readonly url?: string;
  readonly title?: string;
  readonly is_deleted?: boolean;
}

async function checkArticle(articleId: string, ctx: CheckContext): Promise<Verdict> {
  const api = ctx.api!;
  const asked = await askCached<Article[] | null>(
    ctx,
    `article:${ctx.account.appId}:${articleId}`,
    async () => {
      const data = (await api.post('cgi-bin/freepublish/getarticle', { article_id: articleId })) as { news_item?: Article[] };
      return (data.news_item ?? []).map(({ url, title, is_deleted }) => ({ url, title, is_deleted }));
    },
    { errcode: 53600, value: null },
  );
  if ('error' in asked) return refused(asked.error);
  const news = asked.value;
  const evidence = { articleId, titles: news?.map((n) => n.title ?? '') ?? [] };
  if (news === null) return verdictOf([problem('article-missing', `文章编号 ${articleId}`, { ...evidence, errcode: 53600 })]);
  if (news.length > 0 && news.every((n) => n.is_deleted)) {
    return verdictOf([problem('article-deleted', evidence.titles.filter(Boolean).join('、') || undefined, evidence)]);
  }
  // A published article is a page the citizen opens: check it like any other link.
  const linked = await Promise.all(news.filter((n) => !n.is_deleted && n.url).map((n) => ctx.checkLink(n.url!, ctx.account)));
  return verdictOf(linked.flatMap((v) => v.problems));
}

/** media_id and view_limited send a permanent material; article_id and article_view_limited a published article. */
export const materialChecker: Checker = {
  async check(item: MenuItem, ctx) {
    const isArticle = item.kind === 'article_id' || item.kind === 'article_view_limited';
    const id = isArticle ? item.fields.article_id : item.fields.media_id;
    if (!id) return verdictOf([problem('missing-target', isArticle ? '菜单没有设置文章' : '菜单没有设置素材', { fields: item.fields })]);
    if (!ctx.api) return skipped(needsApi);
    return isArticle ? checkArticle(id, ctx) : checkMaterial(id, ctx);
  },
};
