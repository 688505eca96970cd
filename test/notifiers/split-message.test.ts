import test from 'ava';
import { jsonBytes, partTitle, splitMessage, splitReply, utf8Bytes, type MessagePart, type SizeRules } from '../../notifiers/split-message.ts';
import { digestLines } from './digest.ts';

const rules: SizeRules = { maxBytes: 600, framingBytes: 20, lineOverheadBytes: 1, measure: utf8Bytes };
const title = '【菜单巡检】扎兰屯12333 有 40 个菜单打不开';

function sizeOf(part: MessagePart, r: SizeRules): number {
  return r.framingBytes + r.measure(part.title) + part.lines.reduce((sum, l) => sum + r.lineOverheadBytes + r.measure(l), 0);
}

test('a message that fits stays one part with its title unnumbered', (t) => {
  const parts = splitMessage(title, '第一行\n第二行', rules);
  t.deepEqual(parts, [{ title, lines: ['第一行', '第二行'] }]);
});

test('a long Chinese digest splits on line boundaries, in order, every part within the limit', (t) => {
  const lines = digestLines(40);
  const parts = splitMessage(title, lines.join('\n'), rules);
  t.true(parts.length > 1);
  t.deepEqual(parts.flatMap((p) => p.lines), lines, 'every line whole, none lost, none reordered');
  parts.forEach((part, i) => {
    t.is(part.title, `${title}（${i + 1}/${parts.length}）`);
    t.true(sizeOf(part, rules) <= rules.maxBytes, `part ${i + 1} is ${sizeOf(part, rules)} bytes`);
  });
  // Greedy: a part only ends when the next line would not fit.
  for (const [i, part] of parts.slice(0, -1).entries()) {
    const next = parts[i + 1]!.lines[0]!;
    t.true(sizeOf(part, rules) + 1 + utf8Bytes(next) > rules.maxBytes);
  }
});

test('the numbering widens when there are ten parts or more, and still fits', (t) => {
  const lines = digestLines(120);
  const parts = splitMessage(title, lines.join('\n'), rules);
  t.true(parts.length >= 10);
  t.is(parts[9]!.title, `${title}（10/${parts.length}）`);
  t.deepEqual(parts.flatMap((p) => p.lines), lines);
  for (const part of parts) t.true(sizeOf(part, rules) <= rules.maxBytes);
});

test('only a line longer than a whole part is cut, and never inside a character', (t) => {
  // 3-byte Chinese, 4-byte emoji (a surrogate pair in JS) and a ZWJ family that must stay one cluster.
  const long = '扎兰屯👍市👨‍👩‍👧'.repeat(40);
  const parts = splitMessage(title, `前一行\n${long}\n后一行`, rules);
  const lines = parts.flatMap((p) => p.lines);
  t.is(lines[0], '前一行');
  t.is(lines.at(-1), '后一行');
  const pieces = lines.slice(1, -1);
  t.true(pieces.length > 1);
  t.is(pieces.join(''), long);
  for (const piece of pieces) {
    t.false(/\p{Cs}/u.test(piece), 'no lone surrogate');
    t.is(Buffer.from(piece, 'utf8').toString('utf8'), piece);
    t.false(piece.startsWith('\u200d') || piece.endsWith('\u200d'), 'no cluster cut at its joiner');
  }
  for (const part of parts) t.true(sizeOf(part, rules) <= rules.maxBytes);
});

test('JSON-escaped sizes count escapes, so a channel measuring a JSON body stays within it', (t) => {
  t.is(jsonBytes('"\\\n中'), 2 + 2 + 2 + 3);
  const json: SizeRules = { maxBytes: 300, framingBytes: 0, lineOverheadBytes: 3, measure: jsonBytes };
  const lines = Array.from({ length: 30 }, (_, i) => `"引号" \\ 第${i}行`);
  const parts = splitMessage(title, lines.join('\n'), json);
  t.deepEqual(parts.flatMap((p) => p.lines), lines);
  for (const part of parts) t.true(sizeOf(part, json) <= json.maxBytes);
});

test('CRLF line ends and trailing newlines do not make empty or split lines', (t) => {
  t.deepEqual(splitMessage(title, '甲\r\n乙\r\n\n', rules)[0]!.lines, ['甲', '乙']);
});

test('a title and framing that leave no room for text is a RangeError', (t) => {
  t.throws(() => splitMessage('标'.repeat(200), '内容', rules), { instanceOf: RangeError });
});

test('partTitle numbers only when there is more than one part', (t) => {
  t.is(partTitle('标题', 1, 1), '标题');
  t.is(partTitle('标题', 2, 3), '标题（2/3）');
});

test('splitReply keeps an answer that fits whole, and cuts a longer one on lines under its numbered first line', (t) => {
  t.deepEqual(splitReply('收到\n正在巡检', 2048), ['收到\n正在巡检']);
  const lines = Array.from({ length: 40 }, (_, i) => `${i + 1}. 扎兰屯12333 > 办事服务 > 社保查询：网页打不开`);
  const pieces = splitReply(['巡检完成', ...lines].join('\n'), 512);
  t.true(pieces.length > 1);
  t.true(pieces.every((p, i) => Buffer.byteLength(p) <= 512 && p.startsWith(`巡检完成（${i + 1}/${pieces.length}）\n`)));
  t.deepEqual(pieces.flatMap((p) => p.split('\n').slice(1)), lines);
});
