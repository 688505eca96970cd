/**
 * Seeded failures of sites that were replaced (issue 16): the menu still
 * opens something, with HTTP 200, but not the unit's site.
 */
import { replacedHosts } from './case-texts.ts';
import { forSalePage, hostingExpiredPage, nginxWelcomePage, withHiddenFrame } from './replaced-pages.ts';
import type { SeededCase } from './seeded-cases.ts';
import { htmlSpec } from './site-pages.ts';

export const replacedSiteCases: readonly SeededCase[] = [
  {
    account: '成吉思汗镇人民政府',
    section: '走进成镇',
    item: '旅游推介',
    code: 'parked-domain',
    why: 'the tourism site’s own domain lapsed and is now listed for sale on a domain marketplace',
    build: (c) => {
      const host = replacedHosts.parked;
      c.world.site(host, { owner: '聚名网' });
      return { leaf: c.viewOf('旅游推介', { host, path: '/' }, htmlSpec(forSalePage(host, '￥8,800'))) };
    },
  },
  {
    account: '扎兰屯河西街道',
    section: '办事服务',
    item: '网上办事',
    code: 'default-page',
    why: 'the service hall’s server was reinstalled and nginx answers with its welcome page',
    build: (c) => {
      const host = replacedHosts.defaultPage;
      c.world.site(host, { owner: c.row.unit });
      return { leaf: c.viewOf('网上办事', { host, path: '/wsbs/index.html' }, htmlSpec(nginxWelcomePage())) };
    },
  },
  {
    account: '扎兰屯市洼堤乡人民政府',
    section: '走进洼堤',
    item: '乡情概况',
    code: 'site-closed',
    why: 'the township’s virtual host was not renewed: the host’s 「网站已过期」 notice, served with 200',
    build: (c) => {
      const host = replacedHosts.expired;
      c.world.site(host, { owner: c.row.unit });
      return { leaf: c.viewOf('乡情概况', { host, path: '/xqgk/' }, htmlSpec(hostingExpiredPage('2026-09-30', '400-600-1234'))) };
    },
  },
  {
    account: '扎兰屯12333',
    section: '政务公开',
    item: '通知公告',
    code: 'hidden-iframe',
    why: 'the notices column loads a gambling site in a zero-size iframe appended before </body>',
    build: (c, crumbs) => {
      const html = withHiddenFrame(c.shapeHtml('list', '通知公告', crumbs), replacedHosts.gamblingFrame);
      return { leaf: c.viewOf('通知公告', c.link('/zwgk/tzgg/index.html'), htmlSpec(html)) };
    },
  },
];
