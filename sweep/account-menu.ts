import type { AccountConfig } from '../config/load.ts';
import { WeChatApiError } from '../core/errors.ts';
import { fromInventory, type AccountMenu } from '../core/menu.ts';
import type { AccountError } from '../core/results.ts';
import type { WeChatClient } from '../wechat/client.ts';
import { readMenu } from '../wechat/read-menu.ts';

export type MenuOrError = { readonly menu: AccountMenu } | { readonly error: AccountError };

const noSource: AccountError = {
  code: 'no-menu-source',
  message: '没有办法读取这个公众号的菜单',
  hint: '请在配置文件里为这个账号填写 appId 和 appSecret（通过微信接口读取菜单），或用 menu 清单登记它的菜单。',
};

/** The live menu through the API when the account has credentials, else the office's inventory. */
export async function accountMenu(account: AccountConfig, wechat: WeChatClient): Promise<MenuOrError> {
  if (account.appId && account.appSecret) {
    try {
      return { menu: await readMenu(wechat.forAccount(account.appId, account.appSecret)) };
    } catch (error) {
      if (!(error instanceof WeChatApiError)) throw error;
      return { error: { code: 'wechat-api', errcode: error.errcode, message: `读取菜单失败（微信接口错误 ${error.errcode}）`, hint: error.hint } };
    }
  }
  if (account.menu) return { menu: fromInventory(account.menu) };
  return { error: noSource };
}
