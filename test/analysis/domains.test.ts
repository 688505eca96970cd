import test from 'ava';
import fc from 'fast-check';
import { isTrustedHost, linkResolver, resolveUrl, siteScope } from '../../analysis/domains.ts';

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

test('linkResolver gives what resolving each link as a URL gives, fast path or not', (t) => {
  const bases = ['http://www.zlt.gov.cn/zwgk/a.html', 'https://WWW.Zlt.GOV.cn:8443/x/', 'http://user:pw@h.gov.cn/', 'http://h.gov.cn:80/a', 'http://政府.中国/页', 'ftp://h.gov.cn/'];
  const chars = ['/', '.', '..', 'a', 'Z', '0', '_', '-', '~', '%20', '?', '#', ' ', '\\', ':', '政', '//', 'http://x.cn/', 'javascript:'];
  fc.assert(
    fc.property(fc.constantFrom(...bases), fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (base, parts) => {
      const href = parts.join('');
      const expected = resolveUrl(href, base);
      const got = linkResolver(base)(href);
      return expected === null ? got === null : got?.href === expected.href && got.host === expected.hostname.toLowerCase();
    }),
    { numRuns: 5000, seed: 2026 },
  );
  t.is(linkResolver('http://www.zlt.gov.cn/zwgk/a.html')('/art/2022/1234.html')?.href, 'http://www.zlt.gov.cn/art/2022/1234.html');
});
