import test from 'ava';
import { isAccountHost, isWeChatHost, registrableDomain, sameSite } from '../../core/sites.ts';

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

test('the account\'s own domain is its site: sub-domains yes, look-alike suffixes and other sites no', (t) => {
  const domains = ['zlt.gov.cn'];
  t.true(isAccountHost('zlt.gov.cn', domains));
  t.true(isAccountHost('www.zlt.gov.cn', domains));
  t.true(isAccountHost('sjj.fgw.ZLT.gov.cn.', domains));
  t.false(isAccountHost('evilzlt.gov.cn', domains), 'a look-alike suffix is another site');
  t.false(isAccountHost('zlt.gov.cn.evil.com', domains));
  t.false(isAccountHost('hlbe.gov.cn', domains), 'another government site is not the account\'s');
  t.false(isAccountHost('gov.cn', domains));
  t.false(isAccountHost('www.zlt.gov.cn', []));
  // A configured sub-domain stands for its whole site.
  t.true(isAccountHost('www.zlt.gov.cn', ['bwg.zlt.gov.cn']));
});

test('IP hosts are only ever their own site', (t) => {
  t.true(isAccountHost('10.12.0.8', ['10.12.0.8']));
  t.false(isAccountHost('10.12.0.9', ['10.12.0.8']));
  t.false(isAccountHost('12.0.8', ['10.12.0.8']));
  t.true(sameSite('[2001:db8::1]', '[2001:db8::1]'));
  t.false(sameSite('[2001:db8::1]', '[2001:db8::2]'));
});

test('WeChat\'s own hosts, and qq.com sites that are not WeChat', (t) => {
  for (const host of ['mp.weixin.qq.com', 'weixin110.qq.com', 'open.weixin.qq.com', 'res.wx.qq.com', 'MP.WEIXIN.QQ.COM.']) t.true(isWeChatHost(host), host);
  for (const host of ['news.qq.com', 'v.qq.com', 'qq.com', 'weixin.qq.com.evil.cn', 'fakeweixin.qq.com.cn', 'mp-weixin.qq.com.top']) t.false(isWeChatHost(host), host);
});
