/**
 * The few error classes of the product, each with a stable `code`. Broken links
 * are never errors (they are verdicts); these are for bad setup and for API
 * failures that stop one account from being read.
 */

/** One thing wrong in the config file, located by file, field path and (when known) line. */
export interface ConfigIssue {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

export class ConfigError extends Error {
  readonly code = 'config-invalid';
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(formatConfigIssues(file, issues));
    this.name = 'ConfigError';
  }
}

function formatConfigIssues(file: string, issues: readonly ConfigIssue[]): string {
  const lines = issues.map((i) => {
    const where = [i.line ? `第 ${i.line} 行` : '', i.path].filter(Boolean).join('，');
    return `  - ${where ? `${where}：` : ''}${i.message}`;
  });
  return `配置文件 ${file} 有 ${issues.length} 处错误，请改正后再运行：\n${lines.join('\n')}`;
}

/** The WeChat API answered with a non-zero errcode (or could not be reached). */
export class WeChatApiError extends Error {
  readonly code = 'wechat-api';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** What a clerk can do about it, in plain Chinese. */
    readonly hint: string,
  ) {
    super(`微信接口返回错误 ${errcode}：${hint}`);
    this.name = 'WeChatApiError';
  }
}

/** Wrong command-line usage (exit code 2, like a config error). */
export class UsageError extends Error {
  readonly code = 'usage';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
