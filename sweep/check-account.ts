import type { ApiCache } from '../store/api-cache.ts';
import { menuProblems } from '../checkers/menu-checks.ts';
import { checkers } from '../checkers/registry.ts';
import type { CheckContext, LinkCheck } from '../checkers/types.ts';
import type { AccountConfig } from '../config/load.ts';
import { isCritical } from '../core/critical.ts';
import type { MenuItem } from '../core/menu.ts';
import { accountStatus, type AccountResult, type ItemResult, type Trigger } from '../core/results.ts';
import type { ClickConfirmation } from '../store/schema.ts';
import type { WeChatClient } from '../wechat/client.ts';
import { accountMenu } from './account-menu.ts';
import { contentProblems, type ContentDeps } from './check-content.ts';

export interface AccountCheckDeps {
  readonly wechat: WeChatClient;
  readonly checkLink: LinkCheck;
  readonly probeOpenId: string;
  readonly apiCache: ApiCache;
  readonly criticalKeywords: readonly string[];
  readonly now: () => Date;
  /** Click keys confirmed by hand (确认), by account, then key. */
  readonly confirmations?: Readonly<Record<string, Readonly<Record<string, ClickConfirmation>>>>;
  /** The office's zone, to date confirmations in. */
  readonly timeZone?: string;
  /** Freshness and article checks; absent, only the menu is checked. */
  readonly content?: ContentDeps;
  /** A recheck asks the quota-limited content APIs again instead of using today's answers. */
  readonly trigger?: Trigger;
  /** Called as each item gets its verdict (progress display). */
  readonly onItem?: (account: string, item: ItemResult) => void;
}

async function checkItem(item: MenuItem, ctx: CheckContext, deps: AccountCheckDeps): Promise<ItemResult> {
  const verdict = await checkers[item.kind].check(item, ctx);
  const result: ItemResult = {
    path: item.path,
    menu: item.menu,
    type: item.type,
    kind: item.kind,
    target: item.target,
    critical: isCritical(item.path, deps.criticalKeywords),
    ...verdict,
  };
  deps.onItem?.(ctx.account.name, result);
  return result;
}

/** Read one account's menu and check every item; a menu that cannot be read makes the account `error`. */
export async function checkAccount(account: AccountConfig, deps: AccountCheckDeps): Promise<AccountResult> {
  const base = { name: account.name, platform: account.platform, ...(account.unit ? { unit: account.unit } : {}) };
  const read = await accountMenu(account, deps.wechat);
  if ('error' in read) return { ...base, status: 'error', error: read.error, menuSource: null, menuOpen: null, problems: [], items: [] };
  const ctx: CheckContext = {
    account,
    menuSource: read.menu.source,
    checkLink: deps.checkLink,
    api: account.appId && account.appSecret ? deps.wechat.forAccount(account.appId, account.appSecret) : null,
    probeOpenId: deps.probeOpenId,
    apiCache: deps.apiCache,
    trigger: deps.trigger,
    now: deps.now,
    ...(deps.confirmations?.[account.name] && deps.timeZone ? { clickConfirmations: { byKey: deps.confirmations[account.name]!, timeZone: deps.timeZone } } : {}),
  };
  const [items, content] = await Promise.all([
    Promise.all(read.menu.items.map((item) => checkItem(item, ctx, deps))),
    deps.content ? contentProblems(account, ctx.api, { ...deps, content: deps.content }) : [],
  ]);
  const problems = [...menuProblems(read.menu), ...content];
  return {
    ...base,
    status: accountStatus(items, problems),
    error: null,
    menuSource: read.menu.source,
    menuOpen: read.menu.open,
    problems,
    items,
  };
}

/**
 * An account with nothing to read but a date its owner reported (Weibo):
 * checked for freshness only. null when there is no date to go on.
 */
export async function checkReportedOnly(account: AccountConfig, deps: AccountCheckDeps): Promise<AccountResult | null> {
  if (!deps.content?.reported[account.name]) return null;
  const problems = await contentProblems(account, null, { ...deps, content: deps.content });
  return {
    name: account.name,
    platform: account.platform,
    ...(account.unit ? { unit: account.unit } : {}),
    status: accountStatus([], problems),
    error: null,
    menuSource: null,
    menuOpen: null,
    problems,
    items: [],
  };
}
