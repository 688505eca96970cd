/**
 * Found by the hostile-page sweep: 200,000 nested <div>s (1 MB, inside the
 * body cap) took 10–18 s of page analysis, because htmlparser2's open-element
 * stack costs the current depth on every start tag, and the blocked event
 * loop made the other fetches of the sweep miss their timers. analysis/
 * nesting.ts caps the depth the parser sees; these tests hold it to that
 * without changing what any ordinary page says.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { load } from 'cheerio';
import fc from 'fast-check';
import { analyzePage } from '../../analysis/analyze-page.ts';
import { limitDepth, MAX_DEPTH } from '../../analysis/nesting.ts';
import { repoRoot } from '../helpers/paths.ts';

const parse = (html: string) => load(html, { xml: { xmlMode: false, decodeEntities: true } });
const voidElements = new Set('area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(' '));

interface Node {
  readonly type: string;
  readonly name?: string;
  readonly children?: readonly Node[];
}

/** The deepest open-element stack the parser had: element depth in the tree it built, void elements aside (never on the stack). */
function parserDepth(html: string): number {
  let max = 0;
  const stack: [Node, number][] = [[parse(html).root()[0] as unknown as Node, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    const here = ['tag', 'script', 'style'].includes(node.type) && !voidElements.has(node.name ?? '') ? depth + 1 : depth;
    max = Math.max(max, here);
    for (const child of node.children ?? []) stack.push([child, here]);
  }
  return max;
}

const page = (html: string) => ({
  url: 'http://www.zlt.gov.cn/a.html',
  finalUrl: 'http://www.zlt.gov.cn/a.html',
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: Buffer.from(html),
  accountDomains: ['zlt.gov.cn'],
});

test('200,000 nested divs (1 MB) are analysed in seconds, not tens of seconds, and the text below them still counts', (t) => {
  const html = `<html><body>${'<div>'.repeat(200_000)}<p>抱歉，您访问的页面不存在！</p>`;
  const started = process.cpuUsage();
  const codes = analyzePage(page(html)).map((p) => p.code);
  const { user, system } = process.cpuUsage(started);
  const ms = (user + system) / 1000;
  t.deepEqual(codes, ['soft-404']);
  // CPU time, not wall-clock, so other work on the machine does not count; before the cap this took 10–18 s here.
  t.true(ms < 5000, `${Math.round(ms)} ms of CPU`);
  t.log(`${Math.round(ms)} ms of CPU`);
});

test('hidden spam links below a nesting deeper than the cap are still found hidden', (t) => {
  const html = `<body><p>正常内容</p><div style="display:none">${'<span>'.repeat(MAX_DEPTH * 3)}<a href="http://www.hg8868.top/">皇冠体育</a></div>`;
  t.true(analyzePage(page(html)).some((p) => p.code === 'hidden-links'));
});

test('every page of the fixture corpus comes through limitDepth unchanged', (t) => {
  const dir = join(repoRoot, 'test/fixtures/pages');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.html?$/.test(name)) files.push(path);
    }
  };
  walk(dir);
  t.true(files.length > 20, `${files.length} pages`);
  for (const file of files) {
    const html = readFileSync(file, 'latin1');
    t.is(limitDepth(html), html, file);
  }
});

/** Markup that stresses the depth count: implied end tags, raw text, bogus comments, quoting, SVG self-closing. */
const pieces = [
  '<div>', '</div>', '<p>', '</p>', '<li>', '<td>', '<tr>', '<table>', '</table>', '<option>', '<select>', '<dd>', '<dt>', '<b>', '</b>', '<span>',
  '<svg>', '</svg>', '<path/>', '<g x=/>', '<g / >', '<math>', '<mi>', '</mi>', '<foreignObject>', '<title>', '</title>', '<title/>',
  '<script>', '</script>', '<script/>', '</script x>', '</scriptx>', '<SCRIPT>', '</SCRIPT >', '<style>', '</style\t>', '<textarea>', '</textarea>', '<xmp>', '</xmp>',
  '<a href="x>y">', "<a b='>'>", '<a href=x/>', '</a>', '<div ="', '<div a = "', '" / >', '<br>', '</br>', '</p >', '</div/>', '< div>', '</ div>', '<DIV>', '</DiV>', '<div\u3000>',
  '<!--', '-->', '<!-->', '<!--->', '<!-', '<!>', '<!x>', '<![CDATA[', '<![CDAT', ']]>', '<?x>', '</<', '</3', '</>', '</ >', '<img/>', '<input>', '<hr>', '<h1>',
  '<body>', '<head>', '<rt>', '<rp>', '<tbody>', '<thead>', '<tfoot>', 'x', '"', "'", '=', '>', '<', '/', ' ', '\n', '&amp;',
];

test('limitDepth: pages within the cap are unchanged; deeper ones parse at most one level past it, with all their text', (t) => {
  const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((p) => p.join(''));
  let limited = 0;
  t.notThrows(() =>
    fc.assert(
      fc.property(soup, fc.integer({ min: 1, max: 6 }), (html, cap) => {
        const out = limitDepth(html, cap);
        if (out !== html) limited += 1;
        // Within the cap: untouched. Past it: never deeper than cap + 1 (an unmatched </p> opens an empty p for a moment).
        if (parserDepth(html) <= cap) return out === html;
        return parserDepth(out) <= cap + 1 && parse(out).root().text() === parse(html).root().text();
      }),
      { seed: 20_261_215, numRuns: 3000 },
    ),
  );
  t.true(limited > 100, `${limited} of 3000 pages went past the cap`);
});
