import { defaultMenu } from '../../core/menu.ts';
import { problem, type ProblemCode } from '../../core/problems.ts';
import { accountStatus, summarize, unverifiedOf, verdictOf, type AccountResult, type ItemResult, type RunResult } from '../../core/results.ts';

/** Small hand-made results for tests of what happens after a sweep. */
export function item(path: string, codes: ProblemCode[] = [], target = `https://www.zlt.gov.cn/${encodeURIComponent(path)}`): ItemResult {
  return {
    path: path.split('/'),
    menu: defaultMenu,
    type: 'view',
    kind: 'view',
    target,
    critical: path.includes('互动'),
    ...verdictOf(codes.map((c) => problem(c, undefined, { url: target }))),
  };
}

/** A mini program item nothing wrong was found with, which only a phone can verify. */
export function miniprogramItem(path: string): ItemResult {
  return { ...item(path), type: 'miniprogram', kind: 'miniprogram', ...unverifiedOf([], '小程序本身能否打开需要在手机上确认；这里检查了它的设置和备用网页') };
}

export function account(name: string, items: ItemResult[], error = false): AccountResult {
  return error
    ? { name, platform: 'wechat-subscription', status: 'error', error: { code: 'wechat-api', errcode: 40164, message: '读取菜单失败', hint: '加白名单' }, menuSource: null, menuOpen: null, problems: [], items: [] }
    : { name, platform: 'wechat-subscription', status: accountStatus(items), error: null, menuSource: 'api', menuOpen: true, problems: [], items };
}

export function run(id: string, finishedAt: string, accounts: AccountResult[]): RunResult {
  return {
    run: { id, startedAt: finishedAt, finishedAt, trigger: 'cli' },
    summary: summarize(accounts),
    accounts,
    notChecked: [],
  };
}
