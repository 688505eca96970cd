import test from 'ava';
import {
  cloakingKind,
  readStringExpression,
  scriptHiddenIds,
  scriptRedirects,
  writtenHtml,
} from '../../analysis/scripts.ts';

test('constant string expressions: quotes, escapes, concatenation, decoders', (t) => {
  const read = (js: string) => readStringExpression(js, 0).value;
  t.is(read(`'http://' + "a.com" + \`/x\``), 'http://a.com/x');
  t.is(read(String.raw`"\x68\x74\x74\x70\u003a//b.com/\u{2F}"`), 'http://b.com//');
  t.is(read('String.fromCharCode(104,116,116,112,58,47,47,99,46,99,111,109)'), 'http://c.com');
  t.is(read("unescape('%68%74%74%70%3A%2F%2Fd.com%u002F')"), 'http://d.com/');
  t.is(read("decodeURIComponent('https%3A%2F%2F%E6%94%BF%E5%BA%9C.cn')"), 'https://政府.cn');
  t.is(read(`atob("${Buffer.from('https://e.com/').toString('base64')}")`), 'https://e.com/');
  // A variable in the middle ends the constant part: the prefix still names the host.
  t.is(read("'https://open.weixin.qq.com/connect/oauth2/authorize?appid=' + appid + '&x'"), 'https://open.weixin.qq.com/connect/oauth2/authorize?appid=');
  t.is(read('`https://f.com/${id}`'), null);
  t.deepEqual(readStringExpression('target;', 0), { value: null, identifier: 'target' });
});

test('redirect statements, including targets held in variables', (t) => {
  const targets = (js: string) => scriptRedirects(js).map((r) => r.target);
  t.deepEqual(targets("window.location.href = 'http://a.com/';"), ['http://a.com/']);
  t.deepEqual(targets('top.location="http://b.com/"'), ['http://b.com/']);
  t.deepEqual(targets("location.replace('http://c.com/')"), ['http://c.com/']);
  t.deepEqual(targets("document.location.assign( 'http://d.com/' )"), ['http://d.com/']);
  t.deepEqual(targets("var u = 'http://' + 'e.com/'; self.location.href = u;"), ['http://e.com/']);
  t.deepEqual(targets("if (location.href == 'http://f.com/') {}"), []);
  t.deepEqual(targets("window.open('http://g.com/', '_blank', 'location=no')"), []);
});

test('document.write output is collected in order', (t) => {
  const js = `document.write("<div style=\\"display:none\\">");\ndocument.writeln('<a href="http://a.top/">x</a>' + "</div>");`;
  t.is(writtenHtml(js), '<div style="display:none"><a href="http://a.top/">x</a></div>');
  t.is(writtenHtml('var x = 1;'), '');
});

test('ids hidden when the script runs, not inside handlers', (t) => {
  t.deepEqual(scriptHiddenIds(`document.getElementById('c8u2').style.display = "none";`), ['c8u2']);
  t.deepEqual(scriptHiddenIds(`document.getElementById("v1").style.visibility='hidden'; $('#v2').hide();`), ['v1', 'v2']);
  t.deepEqual(scriptHiddenIds(`function closeAd() { document.getElementById('floatAd').style.display = 'none'; }`), []);
});

test('cloaking by referrer or user agent', (t) => {
  t.is(cloakingKind("if (document.referrer.indexOf('baidu.com') > -1) location.href = x"), 'referrer');
  t.is(cloakingKind('if (/Baiduspider/i.test(navigator.userAgent)) {}'), 'user-agent');
  t.is(cloakingKind("var isWx = /MicroMessenger/i.test(navigator.userAgent);"), null);
  t.is(cloakingKind('document.referrer'), null);
});
