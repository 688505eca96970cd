import test from 'ava';
import { countMeaningful, fold, foldEach } from '../../analysis/fold.ts';

test('traditional characters become simplified', (t) => {
  t.is(fold('對不起，您訪問的網頁已被刪除'), '对不起,您访问的网页已被删除');
  t.is(fold('皇冠體育 百家樂 澳門金沙'), '皇冠体育 百家乐 澳门金沙');
  t.is(fold('此帳號已被屏蔽'), '此帐号已被屏蔽');
});

test('full-width ASCII becomes half-width and ASCII is lower-cased', (t) => {
  t.is(fold('ＢＥＴ３６５官网'), 'bet365官网');
  t.is(fold('ManBetX　万博'), 'manbetx 万博');
  t.is(fold('404 Not Found！'), '404 not found!');
});

test('zero-width characters are removed, so split keywords join up again', (t) => {
  t.is(fold('澳\u200B门\u200C金\u200D沙\u2060娱\uFEFF乐'), '澳门金沙娱乐');
  t.is(fold('百\u00AD家乐'), '百家乐');
});

test('whitespace collapses but line breaks stay as block separators', (t) => {
  t.is(fold('  页面\t\u00A0 不存在 \r\n\n\n  返回   首页  '), '页面 不存在\n返回 首页');
});

test('countMeaningful counts letters and digits only', (t) => {
  t.is(countMeaningful('页面不存在！ 404 …'), 8);
  t.is(countMeaningful(' \n ，。|'), 0);
  // Other BMP characters are looked up once and remembered: the second reading must agree with the first.
  for (let i = 0; i < 2; i++) t.is(countMeaningful('café Ⅻ①，。「」ё'), 7);
});

test('foldEach folds each text as fold does, a NUL of the page’s own included', (t) => {
  const texts = ['  頁面 ', '', ' \n ', 'ＢＥＴ\u3000３６５', '甲\0乙', '\0', '⿰氵工 澳門'];
  for (let i = 0; i < texts.length; i++) {
    const some = texts.slice(i);
    t.deepEqual(foldEach(some), some.map(fold), JSON.stringify(some));
  }
  t.deepEqual(foldEach(['页\0面', '不存在']), ['页\0面', '不存在']);
});
