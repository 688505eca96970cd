import type { YAMLError } from 'yaml';

const texts: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: '缩进不对齐（同一层的字段要用相同数量的空格缩进）',
  TAB_AS_INDENT: '用了 Tab 键缩进，请改用空格',
  DUPLICATE_KEY: '同一个字段写了两次',
  MISSING_CHAR: '缺少配对的符号（例如引号、] 或 }）',
  UNEXPECTED_TOKEN: '这里出现了多余或不该出现的符号',
  BLOCK_AS_IMPLICIT_KEY: '字段名后面缺少冒号，或冒号后缺少空格',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行，可能缺少冒号',
  BAD_DQ_ESCAPE: '双引号里的反斜杠转义不对',
  BAD_SCALAR_START: '这个值不能以该符号开头，请用引号把它括起来',
  BLOCK_IN_FLOW: '方括号或花括号里不能换行写子项',
  MULTIPLE_DOCS: '文件里只能有一份配置（不要用 --- 分隔多份）',
};

/** A YAML syntax error as a clerk can act on it; the parser's own words follow for whoever helps them. */
export function yamlErrorText(error: YAMLError): string {
  const original = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+.*$/, '') ?? '';
  return `YAML 格式错误：${texts[error.code] ?? '无法解析'}（${original}）`;
}
