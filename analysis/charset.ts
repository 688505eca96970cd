/**
 * Turn the raw body into text. Government sites still serve a lot of GBK and
 * often declare it wrongly (header says UTF-8, file is GBK, or the reverse),
 * so a declaration is only believed when the bytes agree with it.
 */
import { isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniffed';

export interface DecodedBody {
  readonly text: string;
  /** Normalised name: "utf-8", "gb18030", "big5", "utf-16le" … */
  readonly charset: string;
  readonly source: CharsetSource;
}

const textualType = /^(text\/|application\/(xhtml\+xml|xml|json|javascript)|[^;]*\+xml)/i;

/** Magic numbers of formats a menu may legitimately link to but that hold no page to read. */
const binarySignatures = ['%PDF', '\x89PNG', 'GIF8', '\xFF\xD8\xFF', 'PK\x03\x04', '\xD0\xCF\x11\xE0', 'Rar!'];

/** Text content types are read; declared binary types and NUL-heavy bodies are not. */
export function isBinary(body: Buffer, contentType: string | undefined): boolean {
  const head = body.subarray(0, 1024);
  const headLatin1 = head.toString('latin1');
  if (binarySignatures.some((magic) => headLatin1.startsWith(magic))) return true;
  // application/octet-stream is a common misconfiguration for HTML, so only sniffed NULs decide then.
  const declaredBinary = contentType !== undefined && contentType.trim() !== '' && !textualType.test(contentType);
  if (declaredBinary && !/octet-stream/i.test(contentType)) return true;
  let nuls = 0;
  for (const byte of head) if (byte === 0) nuls++;
  return !startsWithUtf16Bom(head) && nuls > head.length / 100;
}

export function decodeBody(body: Buffer, contentType: string | undefined): DecodedBody {
  const bom = bomCharset(body);
  if (bom) return { text: decode(body, bom), charset: bom, source: 'bom' };

  const declared: { charset: string; source: CharsetSource }[] = [];
  const fromHeader = normaliseLabel(charsetParam(contentType ?? ''));
  if (fromHeader) declared.push({ charset: fromHeader, source: 'header' });
  const fromMeta = normaliseLabel(metaCharset(body));
  if (fromMeta) declared.push({ charset: fromMeta, source: 'meta' });

  // Decoding as UTF-8 only pays when it can come out clean: valid, or cut short inside the last character.
  const utf8 = isUtf8(body) ? validUtf8(body) : mayBeCleanUtf8(body) ? body.toString('utf8') : null;
  // A byte ≥ 0x80 decodes to a non-ASCII character (or U+FFFD) and nothing else does; invalid UTF-8 has one.
  const hasHighBytes = utf8 === null || /[^\x00-\x7f]/.test(utf8);
  if (utf8 !== null && isCleanUtf8(utf8)) {
    // Valid UTF-8 with real multi-byte text is never an accident, whatever the declaration says.
    const agreeing = declared.find((d) => d.charset === 'utf-8');
    if (agreeing || hasHighBytes || declared.length === 0) {
      return { text: utf8, charset: 'utf-8', source: agreeing?.source ?? 'sniffed' };
    }
  }
  for (const { charset, source } of declared) {
    if (charset === 'utf-8' || singleByteLabels.has(charset)) continue;
    const text = decode(body, charset);
    if (replacementRatio(text) < 0.005) return { text, charset, source };
  }
  // Nothing declared fits (or it was ASCII/Latin-1, which any Chinese byte fits): guess GBK vs Big5.
  const first = declared[0];
  if (!hasHighBytes && first) return { text: decode(body, first.charset), charset: first.charset, source: first.source };
  return sniffChinese(body);
}

/** The runtime's own GB18030 decoder (ICU, native), or null where Node was built without it. */
const nativeGb18030 = (() => {
  try {
    return new TextDecoder('gb18030', { fatal: true });
  } catch {
    return null;
  }
})();
/**
 * Where ICU and iconv-lite read GB18030 differently: ICU follows GB18030-2022, which moved 18 characters (vertical
 * punctuation U+FE10–FE19 and U+9FB4–9FBB) out of the private use area, where iconv-lite still puts them. Checked
 * for every 2- and 4-byte code: outside these and the private use area the two agree.
 */
const readDifferently = /[\uE000-\uF8FF\uFE10-\uFE19\u9FB4-\u9FBB]/;

/**
 * iconv.decode, but GB18030 (GBK and GB2312 pages) through ICU when the bytes are valid and the text has none of the
 * characters the two read differently: iconv-lite's decoder, in JavaScript, was a twentieth of the page analysis.
 */
function decode(body: Buffer, charset: string): string {
  if (charset === 'gb18030' && nativeGb18030) {
    try {
      const text = nativeGb18030.decode(body);
      if (!readDifferently.test(text)) return text;
    } catch {
      // Invalid or cut-off bytes: iconv-lite replaces them as it always has.
    }
  }
  return iconv.decode(body, charset);
}

function startsWithUtf16Bom(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

function bomCharset(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

function charsetParam(contentType: string): string | null {
  return /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(contentType)?.[1] ?? null;
}

/** `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` within the first 4 KB. */
function metaCharset(body: Buffer): string | null {
  const head = body.subarray(0, 4096).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = charsetParam(tag);
    if (charset) return charset;
  }
  return null;
}

/** Labels a page may declare but that cannot be checked against Chinese bytes: every byte is valid in them. */
const singleByteLabels = new Set(['iso-8859-1', 'windows-1252', 'us-ascii', 'latin1', 'ascii']);

function normaliseLabel(label: string | null): string | null {
  if (!label) return null;
  const name = label.toLowerCase();
  if (['utf8', 'utf-8', 'unicode-1-1-utf-8'].includes(name)) return 'utf-8';
  // GB2312 and GBK pages routinely use characters only GBK/GB18030 define; decode them with the superset.
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|csgb2312|euc-cn|gb_2312-80)$/.test(name)) return 'gb18030';
  if (/^(big5|big5-hkscs|x-x-big5|cp950|csbig5)$/.test(name)) return 'big5';
  return iconv.encodingExists(name) ? name : null;
}

/** U+FFFD per non-ASCII UTF-16 unit; counted in a loop, since collecting every match allocated one string per character. */
function replacementRatio(text: string): number {
  // Most decodings have none: one native search then spares the loop.
  if (!text.includes('\uFFFD')) return 0;
  let bad = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0x7f) nonAscii++;
    if (unit === 0xfffd) bad++;
  }
  return nonAscii === 0 ? 0 : bad / nonAscii;
}

/**
 * The text of a body known to be valid UTF-8, which has exactly one decoding. The native transcoder and a copy of
 * its UTF-16 are a fifth faster than toString('utf8') (V8's own decoder), which was most of decoding a UTF-8 page.
 */
function validUtf8(body: Buffer): string {
  return transcodes ? transcode(body, 'utf8', 'ucs2').toString('ucs2') : body.toString('utf8');
}

/** transcode needs Node's ICU; without it, V8's decoder. */
const transcodes = (() => {
  try {
    return transcode(Buffer.from('\u4e2d', 'utf8'), 'utf8', 'ucs2').toString('ucs2') === '\u4e2d';
  } catch {
    return false;
  }
})();

/** Whether the body is valid UTF-8 but for its last 1 to 3 bytes (valid as a whole is checked first). */
function mayBeCleanUtf8(body: Buffer): boolean {
  for (let cut = 1; cut <= 3 && cut <= body.length; cut++) {
    if (isUtf8(body.subarray(0, body.length - cut))) return true;
  }
  return false;
}

/** Allows one U+FFFD at the very end: the fetcher may have cut the body mid-character. */
function isCleanUtf8(text: string): boolean {
  const first = text.indexOf('\uFFFD');
  return first === -1 || first >= text.length - 1;
}

/**
 * GB18030 accepts nearly every byte pair, so U+FFFD counts cannot tell GBK from
 * Big5; the number of very common characters in each decoding can.
 */
function sniffChinese(body: Buffer): DecodedBody {
  const gbk = decode(body, 'gb18030');
  const big5 = iconv.decode(body, 'big5');
  return commonCharCount(big5) > commonCharCount(gbk)
    ? { text: big5, charset: 'big5', source: 'sniffed' }
    : { text: gbk, charset: 'gb18030', source: 'sniffed' };
}

// The most frequent Chinese characters, in both simplified and traditional forms where they differ.
const commonChars = new Set(
  [
    '的一是在不了有和人这這中大为為上个個国國我以要他时時来來用们們生到作地于於出就分对對成会會可主发發年动動同工也能下过過子说說产產种種面而方后後多定行学學法所民得经經十三之进進着著等部度家电電力里裡如水',
    '化高自二理起小物现現实實加量都两兩体體制机機当當使点點从從业業本去把性好应應开開它合还還因由其些然前外天政四日那社义義事平形相全表间間样樣与與关關各重新线線内數数正心反你明看原又么利比或但质質气氣第向',
    '道命此变變条條只没結结解问問意建月公无無系軍军很情者最立代想已通并提直题題党黨程展五果料象员員革位入常文总總次品式活设設及管特件长長求老头頭基资資边邊流路级級少图圖山统統接知较較将將组組见見计計别別她',
    '手角期根论論运運农農指几幾九区區强強放决決西被干做必战戰先回则則任取据據处處队隊南给給色光门門即保治北造百规規热熱领領七海口东東导導器压壓志世金增争爭济濟阶階油思术術极極交受联聯什认認六共权權收证證改',
    '清己美再采转轉更单單风風切打白教速花带帶安场場身车車例真务務具万萬每目至达達走积積示议議声聲报報斗完类類八离離华華名确確才科张張信马馬节節话話米整空元况況今集温溫传傳土许許步群广廣石记記需段研界拉林律',
    '叫且究观觀越织織装裝影算低持音众眾书書布复復容儿兒须須际際商非验驗连連断斷深难難近矿礦千周委素技备備半办辦青省列习習响響约約支般史感劳勞便团團往酸历歷市克何除消构構府称稱太准精值号號率族维維划劃选選标',
    '標写寫存候毛亲親快效斯院查江型眼王按格养養易置派层層片始却卻专專状狀育厂廠京识識适適属屬圆圓包火住调調满滿县縣局照参參红紅细細引听聽该該铁鐵价價严嚴',
  ].join(''),
);

function commonCharCount(text: string): number {
  let count = 0;
  for (const char of text) if (commonChars.has(char)) count++;
  return count;
}
