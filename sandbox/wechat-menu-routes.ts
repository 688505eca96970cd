/**
 * The two menu-reading endpoints. get_current_selfmenu_info shows whatever menu
 * is live; menu/get only knows menus made through the API (plus personalized
 * menus) and answers 46003 for a menu made in the web editor.
 */
import { menuGetBody, selfMenuInfoBody, type UrlOf } from './menu-shapes.ts';
import { wxError } from './wechat-errors.ts';
import type { Route } from './wechat-routes.ts';

export function menuRoutes(urlOf: UrlOf): Route[] {
  return [
    {
      auth: 'token',
      method: 'GET',
      path: '/cgi-bin/get_current_selfmenu_info',
      handle: (account) => selfMenuInfoBody(account.menu, urlOf),
    },
    {
      auth: 'token',
      method: 'GET',
      path: '/cgi-bin/menu/get',
      handle: (account) => (account.api.menuOrigin === 'web-editor' ? wxError(46003) : menuGetBody(account.menu, urlOf)),
    },
  ];
}
