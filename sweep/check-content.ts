/**
 * The account's content, through the quota-limited freepublish API (the
 * I/O half of content/): when it last published, and what its recent
 * articles say. Answers are kept a day in the API cache (wechat/ask-cached.ts).
 * An API error skips this account's content check with WeChat's hint; the
 * menu checks and the other accounts go on.
 */
import type { ApiCache } from '../store/api-cache.ts';
import type { AccountConfig } from '../config/load.ts';
import type { WeChatApiError } from '../core/errors.ts';
import type { MenuProblem } from '../core/menu-structure.ts';
import { problem } from '../core/problems.ts';
import type { Trigger } from '../core/results.ts';
import { articleProblems, scanArticle, type ArticleScan } from '../content/article-scan.ts';
import { freshnessProblems, neverUpdatedProblem, type FreshnessRules } from '../content/freshness.ts';
import type { ReportedUpdate } from '../store/schema.ts';
import type { WordMatcher } from '../content/match-words.ts';
import { updatesPlace } from '../core/places.ts';
import { askCached } from '../wechat/ask-cached.ts';
import type { AccountApi } from '../wechat/client.ts';

export interface ContentDeps {
  readonly rules: FreshnessRules & { readonly recentDays: number };
  /** null: the dictionary could not be read; personal data is still looked for. */
  readonly matcher: WordMatcher | null;
  /** The dictionary's fingerprint: a scan cached with another dictionary is not reused. */
  readonly dictionary: string;
  /** Dates owners reported with 已更新, by account name. */
  readonly reported: Readonly<Record<string, ReportedUpdate>>;
}

export interface ContentContext {
  readonly apiCache: ApiCache;
  readonly now: () => Date;
  readonly trigger?: Trigger;
  readonly content: ContentDeps;
}

interface NewsItem {
  readonly title?: string;
  readonly content?: string;
  readonly url?: string;
  readonly is_deleted?: boolean;
}

interface PublishItem {
  readonly article_id?: string;
  readonly update_time?: number;
  readonly content?: { readonly news_item?: readonly NewsItem[] };
}

interface BatchGet {
  readonly total_count?: number;
  readonly item?: readonly PublishItem[];
}

/** batchget's largest page. */
const pageSize = 20;
/** At most this many calls a day per account (of the 100), even for one that publishes several times a day. */
const maxPages = 5;

const publishedAt = (item: PublishItem) => (typeof item.update_time === 'number' ? new Date(item.update_time * 1000) : null);

/** What the account has published: the newest time, and the recent articles that have something to say. */
interface Published {
  /** null when the account has published nothing. */
  readonly latest: string | null;
  readonly scans: readonly ArticleScan[];
}

/**
 * One batchget call with the bodies answers both questions, to spend one call
 * of the daily quota instead of two: its newest item is the last update, and
 * the articles in the window are scanned. More pages only for an account that
 * published more than 20 times in the window.
 */
async function readPublished(api: AccountApi, ctx: ContentContext): Promise<Published> {
  const since = ctx.now().getTime() - ctx.content.rules.recentDays * 86_400_000;
  let latest: number | null = null;
  const scans: ArticleScan[] = [];
  for (let page = 0; page < maxPages; page++) {
    const body = (await api.post('cgi-bin/freepublish/batchget', { offset: page * pageSize, count: pageSize, no_content: 0 })) as BatchGet;
    const items = body.item ?? [];
    for (const item of items) {
      const at = publishedAt(item);
      if (at && (latest === null || at.getTime() > latest)) latest = at.getTime();
      if (!at || at.getTime() < since) continue;
      for (const [i, news] of (item.content?.news_item ?? []).entries()) {
        if (news.is_deleted) continue;
        const scan = scanArticle(
          { articleId: `${item.article_id ?? ''}#${i + 1}`, title: news.title ?? '', url: news.url ?? '', publishedAt: at.toISOString(), html: news.content ?? '' },
          ctx.content.matcher,
        );
        if (scan.words.length + scan.personal.length > 0) scans.push(scan);
      }
    }
    const oldest = Math.min(...items.map((i) => publishedAt(i)?.getTime() ?? 0));
    if (items.length < pageSize || oldest < since || (page + 1) * pageSize >= (body.total_count ?? 0)) break;
  }
  return { latest: latest === null ? null : new Date(latest).toISOString(), scans };
}

function unchecked(error: WeChatApiError): MenuProblem {
  return { ...problem('content-unchecked', `微信接口错误 ${error.errcode}：${error.hint}`, { errcode: error.errcode }), menu: updatesPlace, path: [] };
}

/** Freshness and article problems of one account: by the API when it has credentials, else by a date its owner reported. */
export async function contentProblems(account: AccountConfig, api: AccountApi | null, ctx: ContentContext): Promise<MenuProblem[]> {
  const { rules, reported } = ctx.content;
  const now = ctx.now();
  const owner = reported[account.name];
  const byOwner = () => (owner ? freshnessProblems(new Date(owner.at), 'owner', now, rules) : []);
  if (!api) return byOwner();
  // The cached scan belongs to one dictionary and window: an office that edits its dictionary gets a fresh scan.
  const published = await askCached(ctx, `publish:${account.appId}:${ctx.content.dictionary}:${rules.recentDays}`, () => readPublished(api, ctx));
  if ('error' in published) return [unchecked(published.error)];
  const { latest, scans } = published.value;
  // Nothing published through the API: an owner's date is all there is to go on.
  const fresh = latest !== null ? freshnessProblems(new Date(latest), 'api', now, rules) : owner ? byOwner() : [neverUpdatedProblem(rules)];
  return [...fresh, ...scans.flatMap(articleProblems)];
}
