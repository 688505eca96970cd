import test from 'ava';
import iconv from 'iconv-lite';
import { decodeBody, isBinary } from '../../analysis/charset.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const text = '扎兰屯市人民政府关于开展政务新媒体检查的通知，请各单位认真对照整改。';
const html = (meta = '') => `<html><head>${meta}<title>通知</title></head><body><p>${text}</p></body></html>`;
const gbk = (s: string) => iconv.encode(s, 'gbk');

test('charset from the Content-Type header', (t) => {
  const decoded = decodeBody(gbk(html()), 'text/html; charset=GBK');
  t.is(decoded.charset, 'gb18030');
  t.is(decoded.source, 'header');
  t.true(decoded.text.includes(text));
});

test('charset from <meta charset> and from <meta http-equiv> when the header has none', (t) => {
  const short = decodeBody(gbk(html('<meta charset="gbk">')), 'text/html');
  t.is(short.source, 'meta');
  t.true(short.text.includes(text));
  const long = decodeBody(gbk(html('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')), undefined);
  t.is(long.source, 'meta');
  t.true(long.text.includes(text));
});

test('gb2312 is decoded as GB18030, so GBK-only characters survive', (t) => {
  // 镕 and 喆 are outside GB2312 but common in names on government pages.
  const names = '朱镕基 张喆';
  const decoded = decodeBody(gbk(html(`<meta charset="gb2312"><p>${names}</p>`)), undefined);
  t.true(decoded.text.includes(names));
});

test('a byte order mark wins over the header', (t) => {
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html(), 'utf8')]);
  const decoded = decodeBody(utf8, 'text/html; charset=gbk');
  t.deepEqual([decoded.charset, decoded.source], ['utf-8', 'bom']);
  t.true(decoded.text.includes(text));
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html(), 'utf16le')]);
  t.true(decodeBody(utf16, 'text/html').text.includes(text));
});

test('header says UTF-8 but the bytes are GBK: the <meta> is believed, else GBK is sniffed', (t) => {
  const withMeta = decodeBody(gbk(html('<meta charset="gbk">')), 'text/html; charset=utf-8');
  t.deepEqual([withMeta.charset, withMeta.source], ['gb18030', 'meta']);
  const bare = decodeBody(gbk(html()), 'text/html; charset=utf-8');
  t.deepEqual([bare.charset, bare.source], ['gb18030', 'sniffed']);
  t.false(bare.text.includes('\uFFFD'));
  t.true(bare.text.includes(text));
});

test('declared GBK but the bytes are UTF-8: valid UTF-8 wins', (t) => {
  const decoded = decodeBody(Buffer.from(html('<meta charset="gb2312">'), 'utf8'), 'text/html; charset=gbk');
  t.deepEqual([decoded.charset, decoded.source], ['utf-8', 'sniffed']);
  t.true(decoded.text.includes(text));
});

test('Latin-1 declarations cannot describe Chinese bytes and are ignored', (t) => {
  const decoded = decodeBody(gbk(html()), 'text/html; charset=ISO-8859-1');
  t.is(decoded.charset, 'gb18030');
  t.true(decoded.text.includes(text));
});

test('Big5, declared or not', (t) => {
  const traditional = '扎蘭屯市人民政府關於開展政務新媒體檢查的通知，請各單位認真對照整改。';
  const bytes = iconv.encode(`<html><body><p>${traditional}</p></body></html>`, 'big5');
  t.true(decodeBody(bytes, 'text/html; charset=big5').text.includes(traditional));
  const sniffed = decodeBody(bytes, 'text/html');
  t.is(sniffed.charset, 'big5');
  t.true(sniffed.text.includes(traditional));
});

test('a UTF-8 body cut in the middle of a character is still UTF-8', (t) => {
  const full = Buffer.from(html(), 'utf8');
  const cut = full.subarray(0, full.indexOf(Buffer.from('通知，', 'utf8')) + 1);
  t.is(decodeBody(cut, 'text/html').charset, 'utf-8');
});

test('binary bodies are recognised by type, magic number and NUL bytes', (t) => {
  t.true(isBinary(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'text/html'));
  t.true(isBinary(Buffer.from('GIF89a'), undefined));
  t.true(isBinary(Buffer.from(html()), 'image/png'));
  t.true(isBinary(Buffer.alloc(512, 0), 'application/octet-stream'));
  // Misconfigured servers send HTML as octet-stream; the bytes decide then.
  t.false(isBinary(Buffer.from(html()), 'application/octet-stream'));
  t.false(isBinary(Buffer.from(html()), 'text/html; charset=utf-8'));
  // UTF-16 is full of NULs too; only its byte order mark tells it from binary data.
  t.false(isBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html(), 'utf16le')]), 'text/html'));
  t.false(isBinary(Buffer.alloc(0), 'text/html'));
});

test('GBK pages decode to exactly what iconv-lite gives, whichever decoder reads them', (t) => {
  // 政 first: 0xFE never occurs in UTF-8, so no body here can pass for valid UTF-8 (which would win over the header).
  const read = (bytes: number[]) => decodeBody(Buffer.from([0xd5, 0xfe, ...bytes]), 'text/html; charset=gbk').text;
  const expected = (bytes: number[]) => iconv.decode(Buffer.from([0xd5, 0xfe, ...bytes]), 'gb18030');
  // Every two-byte code on its own (GB18030-2022 moved 18 of them), and each row of them as one text.
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    const row = Array.from({ length: 0xff - 0x40 }, (_, i) => 0x40 + i).filter((trail) => trail !== 0x7f).map((trail) => [lead, trail]);
    for (const code of row) t.is(read(code), expected(code), Buffer.from(code).toString('hex'));
    t.is(read(row.flat()), expected(row.flat()));
  }
  // Four-byte codes (other planes and the rest of the BMP), and bytes cut off or broken as a body cap leaves them.
  const random = seededRandom(18030);
  const byte = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  for (let i = 0; i < 2000; i++) {
    const four = Array.from({ length: 8 }, () => [byte(0x81, 0xfe), byte(0x30, 0x39), byte(0x81, 0xfe), byte(0x30, 0x39)]).flat();
    t.is(read(four), expected(four));
    const broken = [...four.slice(0, byte(1, four.length - 1)), ...(random() < 0.5 ? [0xff, 0x80] : [])];
    t.is(read(broken), expected(broken));
  }
});
