import pLimit from 'p-limit';
import { accountMenu } from '../../sweep/account-menu.ts';
import { WeChatClient } from '../../wechat/client.ts';
import type { DoctorCheck, DoctorLine } from '../types.ts';

/** A few accounts at a time: doctor is for one office's handful, and WeChat counts calls per minute. */
const accountsAtATime = 4;

/**
 * Each account's menu, read the way a sweep reads it (stable_token, then the
 * menu), so a ✓ here means the next sweep can read it too. Weibo accounts have
 * no menu and no WeChat API: nothing to check.
 */
export const wechatAccountsCheck: DoctorCheck = {
  needsConfig: true,
  run: async ({ config }) => {
    const wechat = new WeChatClient({ apiBase: config.wechat.apiBase, timeoutMs: config.network.timeoutMs });
    const limit = pLimit(accountsAtATime);
    const accounts = config.accounts.filter((a) => a.platform !== 'weibo');
    return Promise.all(
      accounts.map((account) =>
        limit(async (): Promise<DoctorLine> => {
          const line = { topic: '微信接口', subject: account.name };
          const read = await accountMenu(account, wechat);
          if ('error' in read) return { ...line, mark: 'fail', found: read.error.message, fix: read.error.hint };
          const items = `${read.menu.items.length} 个菜单项`;
          return read.menu.source === 'api'
            ? { ...line, mark: 'ok', found: `可以获取访问令牌，菜单可以读取（${items}）` }
            : { ...line, mark: 'ok', found: `菜单登记在配置里（${items}），不使用微信接口` };
        }),
      ),
    );
  },
};
