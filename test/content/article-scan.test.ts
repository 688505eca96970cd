import test from 'ava';
import { articleProblems, scanArticle, type ArticleInput } from '../../content/article-scan.ts';
import { articleParagraphs } from '../../content/article-text.ts';
import { parseDictionary } from '../../content/dictionary.ts';
import { WordMatcher } from '../../content/match-words.ts';

const matcher = new WordMatcher(
  parseDictionary(['words:', '  - 秸杆 → 秸秆, 一般错别字, fail', '  - 扫黑险恶 → 扫黑除恶, 时政用语, fail', '  - 两岸三地 → 内地与港澳台, 敏感表述, warn'].join('\n'), 'test.yaml'),
);
const article = (title: string, html: string): ArticleInput => ({ articleId: 'A1#1', title, url: 'https://mp.weixin.qq.com/s/A1', publishedAt: '2026-05-01T02:00:00.000Z', html });

test('paragraphs are what a reader sees: WeChat sections, line breaks, no scripts', (t) => {
  const html = '<section><section><p><span>第一段</span><span>接着</span></p></section><p>第二段<br/>第三段</p><script>var x = "秸杆";</script><p>&nbsp;</p><ul><li>第四段</li></ul></section>';
  t.deepEqual(articleParagraphs(html), ['第一段接着', '第二段', '第三段', '第四段']);
  t.deepEqual(articleParagraphs(''), []);
  t.deepEqual(articleParagraphs('<p><img src="a.png"></p>'), []);
});

test('an article with no text is fine', (t) => {
  const scan = scanArticle(article('一图读懂安全出行', ''), matcher);
  t.deepEqual(scan.words, []);
  t.deepEqual(articleProblems(scan), []);
});

test('hits are located by title or paragraph, offset and the words around them', (t) => {
  const scan = scanArticle(article('开展秸杆禁烧宣传', '<p>常态化开展扫黑除恶斗争。</p><p>会议传达了扫黑险恶工作要求，并部署秸杆禁烧工作。</p>'), matcher);
  t.deepEqual(
    scan.words.map((w) => [w.paragraph, w.offset, w.text, w.right, w.context]),
    [
      [0, 2, '秸杆', '秸秆', '开展【秸杆】禁烧宣传'],
      [2, 5, '扫黑险恶', '扫黑除恶', '会议传达了【扫黑险恶】工作要求，并部署秸杆禁烧…'],
      [2, 17, '秸杆', '秸秆', '…扫黑险恶工作要求，并部署【秸杆】禁烧工作。'],
    ],
  );
  const [problem, ...rest] = articleProblems(scan);
  t.is(rest.length, 0, 'one problem per article, however many hits');
  t.like(problem, { code: 'sensitive-word', severity: 'fail', menu: '已发布文章', path: ['《开展秸杆禁烧宣传》'] });
  t.regex(problem!.message, /标题、第 2 段：“秸杆”应为“秸秆”；第 2 段：“扫黑险恶”应为“扫黑除恶”/);
  t.like(problem!.evidence, { articleId: 'A1#1', url: 'https://mp.weixin.qq.com/s/A1' });
});

test('warn words and personal data are their own problems; numbers never leave the article unmasked', (t) => {
  const scan = scanArticle(article('推介会', '<p>联系人手机13947012345，来自两岸三地的代表参加，身份证11010519491231002X。</p>'), matcher);
  const problems = articleProblems(scan);
  t.deepEqual(problems.map((p) => [p.code, p.severity]), [['wording-review', 'warn'], ['personal-data', 'fail']]);
  t.regex(problems[1]!.message, /第 1 段：手机号 139\*\*\*\*2345；第 1 段：身份证号 110105\*{8}002X/);
  const stored = JSON.stringify({ scan, problems });
  t.false(stored.includes('13947012345'));
  t.false(stored.includes('11010519491231002X'));
  t.regex(scan.words[0]!.context, /^…9\*\*\*\*2345，来自【两岸三地】/, 'the context of a word is masked too');
});

test('a long list is cut short in the message and kept whole in the evidence', (t) => {
  const html = Array.from({ length: 8 }, (_, i) => `<p>第${i}处秸杆</p>`).join('');
  const [problem] = articleProblems(scanArticle(article('通知', html), matcher));
  t.regex(problem!.message, /第 1 段、第 2 段、第 3 段、第 4 段、第 5 段、第 6 段、第 7 段、第 8 段：“秸杆”应为“秸秆”/);
  t.is((problem!.evidence.hits as unknown[]).length, 8);
  const many = new WordMatcher(parseDictionary(['words:', ...Array.from({ length: 7 }, (_, i) => `  - 错${i}字 → 对${i}字`)].join('\n'), 'many.yaml'));
  const [cut] = articleProblems(scanArticle(article('通知', `<p>${Array.from({ length: 7 }, (_, i) => `错${i}字`).join('，')}</p>`), many));
  t.regex(cut!.message, /等 7 处/);
});
