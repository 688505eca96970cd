import test from 'ava';
import { strongTerms } from '../../analysis/hijack-terms.ts';
import { matchesAnywhere, matchesIn, prefixesOf, scanByPrefixes } from '../../analysis/prefixes.ts';

test('prefixes are read through choices, optional pieces and assertions', (t) => {
  t.deepEqual([...prefixesOf('(此|该)?(域名|网址)[^。]{0,8}?出售')].sort(), ['域名', '此域', '此网', '网址', '该域', '该网'].sort());
  t.deepEqual([...prefixesOf('^(error )?404$|a片(?!区)|注册(即|就)?送')].sort(), ['40', 'a片', 'er', '注册'].sort());
  t.deepEqual([...prefixesOf('a|bc')].sort(), ['a', 'bc']);
  t.deepEqual([...prefixesOf('\\.cn|x\\n')].sort(), ['.c', 'x\n']);
});

test('a class, wildcard or repetition within the first two characters cannot be listed', (t) => {
  for (const source of ['[ab]c', 'a.b', 'a+b', 'a{2}', '\\d4', '(?<n>ab)', 'a*']) t.throws(() => prefixesOf(source), undefined, source);
  // Further on, they do not matter.
  t.deepEqual([...prefixesOf('ab.*[cd]+')], ['ab']);
});

test('scanned searches find what matchAll and test find', (t) => {
  const pattern = scanByPrefixes(/(此|该|本)?(域名|网址)[^。\n]{0,4}?(出售|转让)|^404$|开户(即)?送/gm);
  const pieces = ['此', '域名', '网址', '出售', '转让', '。', '\n', '404', '开户', '即', '送', '政务公开', '网站', 'x'];
  let seed = 1;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let n = 0; n < 300; n++) {
    let text = '';
    while (text.length < 700) text += pieces[next() % pieces.length];
    const expected = [...text.matchAll(pattern)].map((m) => ({ term: m[0], index: m.index }));
    t.deepEqual(matchesIn(text, pattern), expected);
    t.is(matchesAnywhere(text, new RegExp(pattern.source, 'm')), expected.length > 0);
  }
});

test('the gambling terms are scanned and still found', (t) => {
  const text = `${'政务公开，国务院办公厅。'.repeat(100)}澳门金沙娱乐，百家乐${'在线办事。'.repeat(50)}注册送38元`;
  t.deepEqual(
    matchesIn(text, strongTerms).map((m) => m.term),
    [...text.matchAll(strongTerms)].map((m) => m[0]),
  );
  t.deepEqual(
    matchesIn(text, strongTerms).map((m) => m.term),
    ['澳门金沙', '百家乐', '注册送38'],
  );
});
