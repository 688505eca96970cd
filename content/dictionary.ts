/**
 * The office's 错敏词 dictionary: a YAML file with one entry per line, so
 * adding a word or ignoring a false alarm is one line an admin can write.
 *
 *   words:
 *     - 攻府 → 政府, 一般错别字, fail
 *   ignore:
 *     - 原打黑除恶 | 回顾 2018 年以前的专项斗争时用当时的名称 | 张丽
 *
 * It is read line by line rather than as a YAML document: a broken line
 * (an unclosed quote, a missing arrow) is named with its file and line and
 * skipped, and every other line still loads.
 */
import { createHash } from 'node:crypto';
import { foldForMatching } from './match-text.ts';

export type WordSeverity = 'fail' | 'warn';

export interface WordEntry {
  readonly wrong: string;
  readonly right: string;
  /** 国家名称, 机构名称, 地名, 时政用语, 过时表述, 敏感表述, 一般错别字 … as the office names them. */
  readonly category: string;
  /** fail: a 错敏字 that costs points; warn: wording a person should look at. */
  readonly severity: WordSeverity;
  readonly line: number;
}

/** A phrase in which a dictionary word is not a mistake (a quotation, a proper name), with why and who said so. */
export interface IgnoreEntry {
  readonly phrase: string;
  readonly reason: string;
  readonly by: string;
  readonly line: number;
}

export interface Dictionary {
  readonly file: string;
  readonly words: readonly WordEntry[];
  readonly ignores: readonly IgnoreEntry[];
  /** One sentence per line that did not load: file, line, what is wrong. */
  readonly issues: readonly string[];
  /** Changes whenever an entry changes, so cached scans made with an older dictionary are not reused. */
  readonly fingerprint: string;
}

const wordFormat = '应写成“错误写法 → 正确写法, 类别, fail 或 warn”';
const ignoreFormat = '应写成“词语 | 原因 | 登记人”';

/** "- text", "- 'text'" or '- "text"', with a trailing " # comment" dropped. */
function itemText(line: string): string | null {
  const m = /^\s*-\s+(.*)$/.exec(line);
  if (!m) return null;
  let text = m[1]!.replace(/\s+#.*$/, '').trim();
  const quoted = /^(["'])(.*)\1$/.exec(text);
  if (quoted) text = quoted[2]!.trim();
  return text;
}

function parseWord(text: string): Omit<WordEntry, 'line'> | string {
  const arrow = /\s*(?:→|->|=>)\s*/.exec(text);
  if (!arrow) return `没有“→”，${wordFormat}`;
  const wrong = text.slice(0, arrow.index).trim();
  const [right = '', category = '一般错别字', severity = 'fail', ...extra] = text
    .slice(arrow.index + arrow[0].length)
    .split(/\s*[,，]\s*/)
    .map((s) => s.trim());
  if (!wrong || !right) return `错误写法和正确写法都要写，${wordFormat}`;
  if (extra.length > 0) return `逗号太多，${wordFormat}`;
  if (severity !== 'fail' && severity !== 'warn') return `严重程度“${severity}”只能是 fail（错敏字）或 warn（需人工确认）`;
  const foldedWrong = foldForMatching(wrong).text;
  if (foldedWrong.trim() === '') return '错误写法是空的';
  if (foldForMatching(right).text.includes(foldedWrong)) return `正确写法“${right}”里包含错误写法“${wrong}”，会把写对的也标出来`;
  return { wrong, right, category: category || '一般错别字', severity };
}

function parseIgnore(text: string): Omit<IgnoreEntry, 'line'> | string {
  const [phrase = '', reason = '', by = '', ...extra] = text.split(/\s*[|｜]\s*/).map((s) => s.trim());
  if (!phrase || !reason || !by || extra.length > 0) return `忽略的词要写明原因和登记人，${ignoreFormat}`;
  if (foldForMatching(phrase).text.trim() === '') return '忽略的词是空的';
  return { phrase, reason, by };
}

export function parseDictionary(source: string, file: string): Dictionary {
  const words: WordEntry[] = [];
  const ignores: IgnoreEntry[] = [];
  const issues: string[] = [];
  const seen = new Map<string, number>();
  let section: 'words' | 'ignore' | null = null;
  source.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const issue = (what: string) => issues.push(`${file} 第 ${line} 行：${what}，这一行没有加载`);
    if (/^\s*(#.*)?$/.test(raw)) return;
    const header = /^(\S[^:#]*):\s*(\[\s*\])?\s*(#.*)?$/.exec(raw);
    if (header) {
      const name = header[1]!.trim();
      section = name === 'words' || name === 'ignore' ? name : null;
      if (!section) issue(`不认识“${name}”，词典只有 words（错敏词）和 ignore（忽略的词）两部分`);
      return;
    }
    const text = itemText(raw);
    if (text === null) return issue(`每一行应以“- ”开头，${section === 'ignore' ? ignoreFormat : wordFormat}`);
    if (section === null) return issue('这一行不在 words 或 ignore 下面');
    if (section === 'ignore') {
      const entry = parseIgnore(text);
      if (typeof entry === 'string') return issue(entry);
      ignores.push({ ...entry, line });
      return;
    }
    const entry = parseWord(text);
    if (typeof entry === 'string') return issue(entry);
    const key = foldForMatching(entry.wrong).text;
    const first = seen.get(key);
    if (first !== undefined) return issue(`“${entry.wrong}”与第 ${first} 行重复`);
    seen.set(key, line);
    words.push({ ...entry, line });
  });
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([words.map(({ line: _, ...w }) => w), ignores.map((g) => g.phrase)]))
    .digest('hex')
    .slice(0, 16);
  return { file, words, ignores, issues, fingerprint };
}
