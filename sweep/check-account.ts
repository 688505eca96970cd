import type { ApiCache } from '../checkers/api-cache.ts';
import { menuProblems } from '../checkers/menu-checks.ts';
import { checkers } from '../checkers/registry.ts';
import type { CheckContext, LinkCheck } from '../checkers/types.ts';
import type { AccountConfig } from '../config/load.ts';
import { isCritical } from '../core/critical.ts';
import type { MenuItem } from '../core/menu.ts';
import { accountStatus, type AccountResult, type ItemResult } from '../core/results.ts';
import type { WeChatClient } from '../wechat/client.ts';
import { accountMenu } from './account-menu.ts';

export interface AccountCheckDeps {
  readonly wechat: WeChatClient;
  readonly checkLink: LinkCheck;
  readonly probeOpenId: string;
  readonly apiCache: ApiCache;
  readonly criticalKeywords: readonly string[];
  readonly now: () => Date;
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
    checkLink: deps.checkLink,
    api: account.appId && account.appSecret ? deps.wechat.forAccount(account.appId, account.appSecret) : null,
    probeOpenId: deps.probeOpenId,
    apiCache: deps.apiCache,
    now: deps.now,
  };
  const items = await Promise.all(read.menu.items.map((item) => checkItem(item, ctx, deps)));
  const problems = menuProblems(read.menu);
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
