/**
 * A line diff, for two jobs: showing the clerk what the import will change in
 * the config before anything is written, and keeping every line the import did
 * not change byte for byte as it was (the YAML library re-spaces flow lists and
 * comments when it prints a document).
 */

export interface LineOp {
  readonly kind: 'same' | 'del' | 'add';
  readonly text: string;
  /** The line's number in the old text (same and del). */
  readonly oldLine?: number;
}

/** Longest common subsequence of lines equal by `key`, after trimming the common head and tail. */
export function diffLines(before: readonly string[], after: readonly string[], key: (line: string) => string = (l) => l): LineOp[] {
  const a = before.map(key);
  const b = after.map(key);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  // lcs[i][j]: common lines of a[head+i..] and b[head+j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: LineOp[] = [];
  // The old line is kept: equal by key is not always equal byte for byte.
  const same = (i: number) => ops.push({ kind: 'same', text: before[i]!, oldLine: i + 1 });
  for (let k = 0; k < head; k++) same(k);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      same(head + i++);
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) {
      // Removed lines before added ones, as diffs are read.
      ops.push({ kind: 'del', text: before[head + i]!, oldLine: head + i + 1 });
      i++;
    } else {
      ops.push({ kind: 'add', text: after[head + j++]! });
    }
  }
  for (let k = 0; k < tail; k++) same(a.length - tail + k);
  return ops;
}

/** Indentation kept, other spacing ignored: `[{ a: 1 }]` and `[ { a: 1 } ]` are the same line. */
const spacingFree = (line: string) => (/^\s*/.exec(line)?.[0] ?? '') + line.replace(/\s+/g, '');

/** The new text, with each line that differs from an old one only in spacing put back as it was. */
export function keepOldSpacing(oldText: string, newText: string): string {
  return diffLines(oldText.split('\n'), newText.split('\n'), spacingFree)
    .filter((op) => op.kind !== 'del')
    .map((op) => op.text)
    .join('\n');
}

/** Changed lines with two lines of context, each hunk headed by where it starts in the old file. */
export function renderDiff(oldText: string, newText: string, context = 2): string {
  const lines = (text: string) => (text === '' ? [] : text.split('\n'));
  const ops = diffLines(lines(oldText), lines(newText));
  const show = ops.map((_, i) => ops.slice(Math.max(0, i - context), i + context + 1).some((o) => o.kind !== 'same'));
  const out: string[] = [];
  ops.forEach((op, i) => {
    if (!show[i]) return;
    if (i === 0 || !show[i - 1]) out.push(`@@ 第 ${op.oldLine ?? ops.slice(0, i).findLast((o) => o.oldLine)?.oldLine ?? 1} 行附近 @@`);
    out.push(`${op.kind === 'add' ? '+' : op.kind === 'del' ? '-' : ' '} ${op.text}`);
  });
  return out.join('\n');
}
