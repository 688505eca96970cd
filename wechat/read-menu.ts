import { WeChatApiError } from '../core/errors.ts';
import { conditionalMenus, fromSelfMenuInfo, type AccountMenu } from '../core/menu.ts';
import type { AccountApi } from './client.ts';
import { noConditionalMenu } from './error-hints.ts';

/**
 * The live menu of one account: get_current_selfmenu_info is the source of
 * truth (it also sees menus made in the web editor); menu/get adds the
 * personalized menus, which only the API can create.
 */
export async function readMenu(api: AccountApi): Promise<AccountMenu> {
  const current = fromSelfMenuInfo(await api.get('cgi-bin/get_current_selfmenu_info'));
  try {
    const extra = conditionalMenus(await api.get('cgi-bin/menu/get'));
    return { ...current, items: [...current.items, ...extra.items], problems: [...current.problems, ...extra.problems] };
  } catch (error) {
    if (error instanceof WeChatApiError && noConditionalMenu.has(error.errcode)) return current;
    throw error;
  }
}
