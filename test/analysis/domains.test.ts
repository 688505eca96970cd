import test from 'ava';
import { isTrustedHost, resolveUrl, siteScope } from '../../analysis/domains.ts';

test('resolveUrl resolves relative links and ignores non-web schemes', (t) => {
  t.is(resolveUrl('/zwgk/', 'http://www.zlt.gov.cn/a/b.html')?.href, 'http://www.zlt.gov.cn/zwgk/');
  t.is(resolveUrl(' //res.wx.qq.com/x.js', 'https://mp.weixin.qq.com/s')?.hostname, 'res.wx.qq.com');
  t.is(resolveUrl('javascript:void(0)', 'http://www.zlt.gov.cn/'), null);
  t.is(resolveUrl('mailto:xx@zlt.gov.cn'), null);
  t.is(resolveUrl('http://[broken'), null);
});

test('trusted hosts: own site, account domains, government sites, common platforms', (t) => {
  const scope = siteScope('www.zlt.gov.cn', ['zltrs.com', 'www.zltjy.cn']);
  t.true(isTrustedHost('xxgk.zlt.gov.cn', scope));
  t.true(isTrustedHost('wx.zltrs.com', scope));
  t.true(isTrustedHost('wsbm.zltjy.cn', scope));
  t.true(isTrustedHost('www.hlbe.gov.cn', scope));
  t.true(isTrustedHost('open.weixin.qq.com', scope));
  t.true(isTrustedHost('service.weibo.com', scope));
  t.false(isTrustedHost('www.zlt-gov.cn', scope));
  t.false(isTrustedHost('gov.cn.evil.com', scope));
  t.false(isTrustedHost('www.hg8868.top', scope));
});
