import { readFile } from 'node:fs/promises';
import test from 'ava';
import { parse } from 'yaml';
import { parseDictionary } from '../../content/dictionary.ts';
import { WordMatcher } from '../../content/match-words.ts';
import { defaultDictionaryFile } from '../../sweep/content-deps.ts';

const dictionary = (lines: string[]) => parseDictionary(lines.join('\n'), 'office.yaml');
const words = (matcher: WordMatcher, text: string) => matcher.scan(text).map((h) => ({ word: h.entry.wrong, text: text.slice(h.start, h.end), at: h.start }));

test('the starter dictionary loads whole, is plain YAML, and holds the reference examples', async (t) => {
  const source = await readFile(defaultDictionaryFile, 'utf8');
  const d = parseDictionary(source, defaultDictionaryFile);
  t.deepEqual(d.issues, []);
  const yaml = parse(source) as { words: string[]; ignore: string[] };
  t.is(yaml.words.length, d.words.length, 'a YAML reader sees the same entries');
  t.is(yaml.ignore.length, d.ignores.length);
  const byWrong = new Map(d.words.map((w) => [w.wrong, w]));
  const examples: [string, string][] = [['攻府', '政府'], ['中华人民共合国', '中华人民共和国'], ['扫黑险恶', '扫黑除恶'], ['领导小姐', '领导小组'], ['警钟常鸣', '警钟长鸣'], ['秸杆', '秸秆'], ['打黑除恶', '扫黑除恶'], ['共商国事', '共商国是']];
  for (const [wrong, right] of examples) {
    t.is(byWrong.get(wrong)?.right, right, wrong);
  }
  t.is(byWrong.get('打黑除恶')?.category, '过时表述');
  t.true(d.ignores.every((g) => g.reason && g.by));
});

test('a malformed line names the file and line, and every other line still loads', (t) => {
  const d = dictionary([
    '# 本单位词典',
    'words:',
    '  - 攻府 → 政府, 机构名称, fail',
    '  - 秸杆 秸秆',
    '  - "未闭合的引号 → 什么, 一般错别字, fail',
    '  - 领导小姐 -> 领导小组',
    '  - 警钟常鸣 → 警钟长鸣, 一般错别字, 严重',
    '  - 黑除 → 扫黑除恶, 时政用语, fail',
    '  - 攻府 → 政府, 机构名称, fail',
    '  错别字 → 正确',
    'synonyms:',
    'ignore:',
    '  - 原打黑除恶 | 回顾历史',
    '  - 原打黑除恶 | 回顾历史时按当时的名称 | 张丽',
  ]);
  t.deepEqual(
    d.words.map((w) => [w.wrong, w.right, w.category, w.severity, w.line]),
    [
      ['攻府', '政府', '机构名称', 'fail', 3],
      // The unclosed quote is only this line's problem: the text is taken as written.
      ['"未闭合的引号', '什么', '一般错别字', 'fail', 5],
      ['领导小姐', '领导小组', '一般错别字', 'fail', 6],
    ],
  );
  t.deepEqual(d.ignores.map((g) => [g.phrase, g.by, g.line]), [['原打黑除恶', '张丽', 14]]);
  t.deepEqual(
    d.issues.map((i) => i.replace(/：.*/, '')),
    ['office.yaml 第 4 行', 'office.yaml 第 7 行', 'office.yaml 第 8 行', 'office.yaml 第 9 行', 'office.yaml 第 10 行', 'office.yaml 第 11 行', 'office.yaml 第 13 行'],
  );
  t.regex(d.issues[0]!, /没有“→”/);
  t.regex(d.issues[1]!, /只能是 fail/);
  t.regex(d.issues[2]!, /会把写对的也标出来/);
  t.regex(d.issues[3]!, /与第 3 行重复/);
  t.regex(d.issues[6]!, /原因和登记人/);
  t.true(d.issues.every((i) => i.endsWith('这一行没有加载')));
});

test('the fingerprint follows the entries, not the comments or line numbers', (t) => {
  const a = dictionary(['words:', '  - 攻府 → 政府']);
  const b = dictionary(['# 加了一行说明', '', 'words:', '  - 攻府 → 政府  # 常见输入法错误']);
  const c = dictionary(['words:', '  - 攻府 → 政府', '  - 秸杆 → 秸秆']);
  t.is(a.fingerprint, b.fingerprint);
  t.not(a.fingerprint, c.fingerprint);
});

test('every occurrence is found with its offset in the text as written', (t) => {
  const m = new WordMatcher(dictionary(['words:', '  - 攻府 → 政府', '  - 秸杆 → 秸秆']));
  const text = '市攻府召开秸杆禁烧会议，攻府办公室……';
  t.deepEqual(words(m, text), [
    { word: '攻府', text: '攻府', at: 1 },
    { word: '秸杆', text: '秸杆', at: 5 },
    { word: '攻府', text: '攻府', at: 12 },
  ]);
  t.deepEqual(m.scan(''), []);
});

test('overlaps: a word inside a longer entry is reported once, as the longer one; crossing matches are both kept', (t) => {
  const m = new WordMatcher(dictionary(['words:', '  - 共合国 → 共和国', '  - 中华人民共合国 → 中华人民共和国', '  - 领导小姐 → 领导小组', '  - 小姐妹 → 小组成员']));
  t.deepEqual(words(m, '中华人民共合国，共合国'), [
    { word: '中华人民共合国', text: '中华人民共合国', at: 0 },
    { word: '共合国', text: '共合国', at: 8 },
  ]);
  t.deepEqual(words(m, '领导小姐妹'), [
    { word: '领导小姐', text: '领导小姐', at: 0 },
    { word: '小姐妹', text: '小姐妹', at: 2 },
  ]);
});

test('traditional, full-width and zero-width text is folded first, and offsets still point into the original', (t) => {
  const m = new WordMatcher(dictionary(['words:', '  - 警钟常鸣 → 警钟长鸣', '  - 中华人民共合国 → 中华人民共和国', '  - abc公司 → 某公司']));
  const text = '安全生產\u200b警鐘常鳴。中華人民共合國。ＡＢＣ公司';
  const found = words(m, text);
  t.deepEqual(found.map((f) => f.text), ['警鐘常鳴', '中華人民共合國', 'ＡＢＣ公司']);
  t.is(found[0]!.at, 5, 'after the zero-width space');
  // A dictionary written in traditional characters matches simplified text too.
  const traditional = new WordMatcher(dictionary(['words:', '  - 領導小姐 → 领导小组']));
  t.deepEqual(words(traditional, '领导小姐'), [{ word: '領導小姐', text: '领导小姐', at: 0 }]);
  // Characters outside the BMP keep UTF-16 offsets right.
  t.deepEqual(words(m, '𠀀警钟常鸣').map((f) => f.at), [2]);
});

test('a space between the characters is not the word', (t) => {
  const m = new WordMatcher(dictionary(['words:', '  - 攻府 → 政府']));
  t.deepEqual(m.scan('攻 府'), []);
});

test('the ignore list silences a word inside its phrase, and only there', (t) => {
  const m = new WordMatcher(dictionary(['words:', '  - 打黑除恶 → 扫黑除恶, 过时表述, fail', 'ignore:', '  - 原打黑除恶 | 回顾历史时按当时的名称 | 张丽', '  - 秸杆 | 本地企业名称 | 王明']));
  t.deepEqual(words(m, '原打黑除恶专项斗争领导小组'), []);
  t.deepEqual(words(m, '原打黑除恶专项斗争已改为打黑除恶'), [{ word: '打黑除恶', text: '打黑除恶', at: 12 }]);
  t.deepEqual(words(m, '原打黑除恶').length, 0);
});
