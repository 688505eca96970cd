import test from 'ava';
import { isTrustedHost, registrableDomain, resolveUrl, siteScope } from '../../analysis/domains.ts';

test('registrable domain of government and commercial Chinese hosts', (t) => {
  t.is(registrableDomain('www.zlt.gov.cn'), 'zlt.gov.cn');
  t.is(registrableDomain('sjj.fgw.zlt.gov.cn'), 'zlt.gov.cn');
  t.is(registrableDomain('zlt.gov.cn'), 'zlt.gov.cn');
  t.is(registrableDomain('www.people.com.cn'), 'people.com.cn');
  t.is(registrableDomain('www.nmgfc.org.cn'), 'nmgfc.org.cn');
  t.is(registrableDomain('news.bjnews.bj.cn'), 'bjnews.bj.cn');
  t.is(registrableDomain('mp.weixin.qq.com'), 'qq.com');
  t.is(registrableDomain('sjj.kuzhuwang.net'), 'kuzhuwang.net');
  t.is(registrableDomain('WWW.Example.CO.UK.'), 'example.co.uk');
  t.is(registrableDomain('a.b.c.example.xyz'), 'example.xyz');
});

test('short hosts and IP addresses are their own site', (t) => {
  t.is(registrableDomain('gov.cn'), 'gov.cn');
  t.is(registrableDomain('localhost'), 'localhost');
  t.is(registrableDomain('10.12.0.8'), '10.12.0.8');
  t.is(registrableDomain('2001:db8::1'), '2001:db8::1');
});

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
