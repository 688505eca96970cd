/**
 * The account's content, through the quota-limited freepublish and data-cube
 * APIs (the I/O half of content/): when it last published, and what its
 * recent articles say. Answers are kept a day in the API cache
 * (wechat/ask-cached.ts). A freepublish error skips this account's article
 * check with WeChat's hint; the menu checks and the other accounts go on.
 */
import type { ApiCache } from '../store/api-cache.ts';
import type { AccountConfig } from '../config/load.ts';
import type { WeChatApiError } from '../core/errors.ts';
import type { MenuProblem } from '../core/menu-structure.ts';
import { problem } from '../core/problems.ts';
import type { Trigger } from '../core/results.ts';
import type { ArticleScan } from '../content/article-scan.ts';
import { freshnessProblems, type FreshnessRules } from '../content/freshness.ts';
import { shownInTime, updateProblems } from '../content/last-update.ts';
import type { ReportedUpdate } from '../store/schema.ts';
import type { WordMatcher } from '../content/match-words.ts';
import { updatesPlace } from '../core/places.ts';
import { askCached } from '../wechat/ask-cached.ts';
import { newestInDataCube } from './read-data-cube.ts';
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

/**
 * Reading articles (an HTML parser, the dictionary folded through OpenCC: ~38 MB) is loaded by the first account
 * whose articles are read: a sweep of inventory-only accounts never holds it.
 */
const articleScanning = () => import('../content/article-scan.ts');

const publishedAt = (item: PublishItem) => (typeof item.update_time === 'number' ? new Date(item.update_time * 1000) : null);

/** What the account has published: the newest time, and the recent articles that have something to say. */
interface Published {
  /** null when the account has published nothing. */
  readonly latest: string | null;
  readonly scans: readonly ArticleScan[];
}

/**
 * batchget with the bodies answers both questions in the same calls: its
 * newest item is the last 发布, and the articles in the window are scanned.
 * Most accounts fit one page; more pages (up to maxPages) only for an account
 * with more than 20 publications.
 */
async function readPublished(api: AccountApi, ctx: ContentContext): Promise<Published> {
  const since = ctx.now().getTime() - ctx.content.rules.recentDays * 86_400_000;
  let latest: number | null = null;
  const scans: ArticleScan[] = [];
  const { scanArticle } = await articleScanning();
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
    // The order is not documented (newest first is usual, not promised): read on to the end, within the cap.
    if (items.length < pageSize || (page + 1) * pageSize >= (body.total_count ?? 0)) break;
  }
  return { latest: latest === null ? null : new Date(latest).toISOString(), scans };
}

function unchecked(error: WeChatApiError): MenuProblem {
  return { ...problem('content-unchecked', `微信接口错误 ${error.errcode}：${error.hint}`, { errcode: error.errcode }), menu: updatesPlace, path: [] };
}

/** Freshness and article problems of one account: from every source that can see its updates (content/last-update.ts). */
export async function contentProblems(account: AccountConfig, api: AccountApi | null, ctx: ContentContext): Promise<MenuProblem[]> {
  const { rules, reported } = ctx.content;
  const now = ctx.now();
  const owner = reported[account.name]?.at;
  if (!api) return owner ? freshnessProblems(new Date(owner), 'owner', now, rules) : [];
  // The cached scan belongs to one dictionary and window: an office that edits its dictionary gets a fresh scan.
  const published = await askCached(ctx, `publish:${account.appId}:${ctx.content.dictionary}:${rules.recentDays}`, () => readPublished(api, ctx));
  const freepublish = 'error' in published ? undefined : published.value.latest;
  // The data cube is walked day by day: only when what is known already does not show the account in time.
  const cube = shownInTime([freepublish, owner], now, rules) ? undefined : await newestInDataCube(api, account.appId ?? '', rules.overdueDays + 1, ctx);
  const datacube = cube === undefined || 'error' in cube ? undefined : cube.value;
  const { articleProblems } = await articleScanning();
  return [
    ...updateProblems({ freepublish, datacube, owner }, now, rules),
    ...('error' in published ? [unchecked(published.error)] : published.value.scans.flatMap(articleProblems)),
  ];
}
