import test from 'ava';
import { parsePage } from '../../analysis/parse-page.ts';
import type { ParsedPage } from '../../analysis/parsed-page.ts';

const parse = (html: string, finalUrl = 'http://www.zlt.gov.cn/zwgk/a.html'): ParsedPage => {
  const page = parsePage({
    url: finalUrl,
    finalUrl,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(html),
    accountDomains: ['zlt.gov.cn'],
  });
  if (!page) throw new Error('parsed as binary');
  return page;
};

test('title, meta and visible text are folded; blocks keep the original for messages', (t) => {
  const page = parse(`<title>頁面不存在</title><meta name="keywords" content="ＢＥＴ３６５">
    <h1>提示</h1><p>對不起，<b>網頁</b>已刪除</p><div>返回首頁</div>`);
  t.is(page.title, '页面不存在');
  t.is(page.meta, 'bet365');
  t.is(page.visibleText, '提示\n对不起,网页已删除\n返回首页');
  t.deepEqual(
    page.blocks.map((b) => [b.raw, b.heading]),
    [
      ['提示', true],
      ['對不起，網頁已刪除', false],
      ['返回首頁', false],
    ],
  );
});

test('hidden text is kept apart from visible text', (t) => {
  const page = parse(`<style>.x{display:none}</style><p>正文</p><div class="x">隐藏甲</div>
    <span style="font-size:0">隐藏乙<em style="font-size:14px">可见</em></span><script>var s = '脚本';</script><noscript>不显示</noscript>`);
  t.is(page.visibleText, '正文\n可见');
  t.is(page.hiddenText, '隐藏甲\n隐藏乙');
});

test('a <style> or hiding script after the elements it applies to still applies, as a browser applies it to the whole page', (t) => {
  const page = parse(`<p>正文</p><div class="ad">隐藏 &amp; 甲</div><p id="late">隐藏乙</p><p class="other">可见</p>
    <style>.ad{position:absolute;left:-9999px}</style><script>document.getElementById('late').style.display='none'</script>
    <style>.unused{display:none}</style>`);
  t.is(page.visibleText, '正文\n可见');
  t.is(page.hiddenText, '隐藏 & 甲\n隐藏乙');
});

test('links are absolute, with how they are hidden and whether a script wrote them', (t) => {
  const page = parse(`<a href="/zwgk/">政务公开</a>
    <div style="display:none"><script>document.write('<a href="http://a.top/">甲</a>')</script></div>
    <div id="k"><a href="http://b.com/"><img src="b.png"></a></div><script>document.getElementById('k').style.display='none'</script>
    <div style="font-size:0"><a href="http://c.com/"><img src="c.png"></a><a href="http://d.com/">丁</a></div>`);
  t.deepEqual(
    page.links.map((l) => [l.href, l.hiddenBy, l.written]),
    [
      ['http://www.zlt.gov.cn/zwgk/', null, false],
      ['http://a.top/', 'display:none', true],
      ['http://b.com/', 'script', false],
      ['http://c.com/', null, false],
      ['http://d.com/', 'font-size', false],
    ],
  );
});

test('frames are absolute, with how they are hidden: by CSS, by their own size, or inside something hidden', (t) => {
  const page = parse(`<iframe src="https://map.baidu.com/?l=1" width="100%" height="400" title="位置地图"></iframe>
    <iframe src="/tj/count.html" width="0" height="0"></iframe>
    <iframe src="http://a.com/" style="width:1px;height:1px;border:0"></iframe>
    <div style="position:absolute;left:-9999px"><iframe src="http://b.com/" width="300"></iframe></div>
    <style>.x{display:none}</style><iframe class="x" src="http://c.com/" name="cc"></iframe>
    <script>document.write('<iframe src="http://d.top/" width=1 height=1></iframe>')</script>
    <iframe srcdoc="<p>甲</p>"></iframe>`);
  t.deepEqual(
    page.frames.map((f) => [f.src, f.hiddenBy, f.written, f.text]),
    [
      ['https://map.baidu.com/?l=1', null, false, '位置地图'],
      ['http://www.zlt.gov.cn/tj/count.html', 'zero-size', false, ''],
      ['http://a.com/', 'zero-size', false, ''],
      ['http://b.com/', 'off-screen', false, ''],
      ['http://c.com/', 'display:none', false, 'cc'],
      ['http://d.top/', 'zero-size', true, ''],
    ],
  );
});

test('redirects from meta refresh and scripts are resolved against the final URL', (t) => {
  const page = parse(`<meta http-equiv="refresh" content="3; URL='../index.html'">
    <script>if (document.referrer.indexOf('baidu') > 0) { top.location.href = "https://x.example.com/"; }</script>`);
  t.deepEqual(
    page.redirects.map((r) => [r.via, r.target, r.conditional]),
    [
      ['meta-refresh', 'http://www.zlt.gov.cn/index.html', null],
      ['script', 'https://x.example.com/', 'referrer'],
    ],
  );
  t.is(page.cloaking, 'referrer');
});

test('media, ids and classes are recorded for the detectors', (t) => {
  const page = parse('<div id="js_content" class="rich_media_content a"><iframe src="/v.html"></iframe></div>');
  t.true(page.hasMedia);
  t.true(page.ids.has('js_content'));
  t.true(page.classes.has('rich_media_content'));
  t.is(page.visibleChars, 0);
});
