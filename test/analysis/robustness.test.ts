import test from 'ava';
import iconv from 'iconv-lite';
import { analyzePage } from '../../analysis/analyze-page.ts';
import type { PageInput } from '../../analysis/types.ts';

const input = (body: Buffer | string, overrides: Partial<PageInput> = {}): PageInput => ({
  url: 'http://www.zlt.gov.cn/a.html',
  finalUrl: 'http://www.zlt.gov.cn/a.html',
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  accountDomains: ['zlt.gov.cn'],
  ...overrides,
});

// No timing assertions here: a loaded CI machine makes any bound either flaky or meaningless. A pathological
// slowdown still fails these tests at ava's timeout; how fast analysis is, the benchmark's analysis phase measures.

test('20,000 nested divs are walked to the bottom without recursion', (t) => {
  const depth = 20_000;
  const html = `<html><body>${'<div>'.repeat(depth)}<p>抱歉，您访问的页面不存在！</p>${'</div>'.repeat(depth)}</body></html>`;
  t.deepEqual(
    analyzePage(input(html)).map((p) => p.code),
    ['soft-404'],
  );
});

test('20,000 unclosed nested elements with hidden styles', (t) => {
  const html = `<body>${'<div style="display:none"><span class="x">'.repeat(10_000)}<a href="http://www.hg8868.top/">皇冠体育</a>`;
  t.true(analyzePage(input(html)).some((p) => p.code === 'hidden-links'));
});

test('malformed markup does not throw', (t) => {
  const broken = [
    '<html><head><title>未闭合<body><p>正文 <a href="http://[::1">坏链接</a><a href=>空</a><<<>>>&#xZZZ;&#99999999;',
    '<script>var a = "<div style=\\"display:none\\"><a href=\'http://x.top/\'>',
    '<style>.a{display:none;.b{{{}}}@media{</style><div class="a"><a href="http://y.top/">x</a></div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><meta http-equiv="refresh" content="garbage">',
    '<script>location.href = String.fromCharCode(99999999,-1); document.write(unescape("%ZZ")); atob("%%%")</script>',
    '\u0000\u0001<\u0000html>',
    '',
  ];
  for (const html of broken) t.notThrows(() => analyzePage(input(html)), JSON.stringify(html.slice(0, 40)));
});

test('a binary body gets no content analysis', (t) => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 0x8f)]);
  t.deepEqual(analyzePage(input(pdf, { headers: { 'content-type': 'application/pdf' } })), []);
  const nuls = Buffer.alloc(4096, 0);
  nuls.write('页面不存在');
  t.deepEqual(analyzePage(input(nuls, { headers: {} })), []);
});

test('an empty 200 body is an empty page; an empty 404 is left to the HTTP check', (t) => {
  t.deepEqual(
    analyzePage(input('')).map((p) => p.code),
    ['empty-page'],
  );
  t.deepEqual(analyzePage(input('', { status: 404 })), []);
});

test('long inputs are analysed to the end: 2 MB of text, 100,000 links, unterminated patterns', (t) => {
  const pages = [
    `<p>${'政务公开'.repeat(500_000)}</p>`,
    `<div style="display:none">${'<a href="/zwgk/">政务公开</a>'.repeat(100_000)}</div>`,
    `<p>${'页面'.repeat(200_000)}</p><script>${'location.href='.repeat(50_000)}</script>`,
  ];
  for (const html of pages) t.true(Array.isArray(analyzePage(input(html))), html.slice(0, 20));
});

test('GBK bytes with no declaration at all are sniffed', (t) => {
  const html = iconv.encode('<html><body><h2>对不起，您访问的页面不存在！</h2><a href="/">返回首页</a></body></html>', 'gbk');
  t.deepEqual(
    analyzePage(input(html, { headers: { 'content-type': 'text/html' } })).map((p) => p.code),
    ['soft-404'],
  );
});
