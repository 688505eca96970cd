import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { ConverterBuilder } from 'opencc-js/core';
import { configs, from, to } from 'opencc-js/preset/t2cn';
import { toSimplified } from '../../analysis/simplify.ts';
import { repoRoot } from '../helpers/paths.ts';

// The judge is OpenCC itself, converting every text whole: toSimplified skips text on its own reasoning.
const openCC = ConverterBuilder({ from: { ...from }, to: { ...to }, configs: { ...configs } })({ from: 'tw', to: 'cn' });

test('text full of 群 (an entry that converts back to itself) comes back as OpenCC gives it, without change', (t) => {
  for (const text of ['人民群众', '群組與羣體', '群眾路線', '微信群 QQ群', '群']) t.is(toSimplified(text), openCC(text));
  t.is(toSimplified('人民群众的满意度'), '人民群众的满意度');
});

test('toSimplified is OpenCC tw → cn on mixed traditional, simplified, variant and plain text', (t) => {
  // Characters around the entries that matter: 群/羣 and their phrases, Taiwan variants, phrases, plain text and separators.
  const pieces = ['群', '羣', '眾', '众', '群眾', '羣眾', '裡', '裏', '為', '爲', '著', '着', '一目瞭然', '想像', '頁面', '網頁', '刪除', '臺', '台', '後', '后', '乾', '干', '髮', '發', '麵', '面', '的', '人民', 'a', ' ', '\n', '，', '⿰氵青', '𠮷'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      return toSimplified(text) === openCC(text);
    }),
    { numRuns: 3000, seed: 2022 },
  );
  t.pass();
});

test('toSimplified is OpenCC tw → cn on the text of every page in the fixture corpus', async (t) => {
  const dir = join(repoRoot, 'test/fixtures/pages');
  let pages = 0;
  for (const name of await readdir(dir)) {
    const html = await readFile(join(dir, name, 'page.html'), 'utf8').catch(() => null);
    if (html === null) continue;
    pages++;
    t.is(toSimplified(html), openCC(html), name);
  }
  t.true(pages > 50);
});
