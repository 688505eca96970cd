import type { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';
import { knownKeys } from './schema.ts';

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表',
  object: '键值对（字段: 值）',
  record: '键值对（字段: 值）',
};

function describe(value: unknown): string {
  if (value === undefined) return '没有填写';
  if (value === null) return '空值';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '键值对';
  return `${JSON.stringify(value)}`;
}

/** Zod's issue as one plain Chinese sentence: what was expected, what was found. */
export function issueText(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? `缺少必填项，应为${typeNames[issue.expected] ?? issue.expected}`
        : `应为${typeNames[issue.expected] ?? issue.expected}，实际是 ${describe(input)}`;
    case 'unrecognized_keys':
      return issue.keys
        .map((k) => {
          const guess = didYouMean(k, knownKeys);
          return `不认识的字段 ${k}（${guess ? `是不是 ${guess}？` : '可能拼写有误'}）`;
        })
        .join('；');
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => String(v)).join(' / ')} 之一，实际是 ${describe(input)}`;
    case 'too_small':
      if (issue.origin === 'array') return issue.message.startsWith('Too') ? `至少要有 ${issue.minimum} 项` : issue.message;
      if (issue.origin === 'string') return '不能为空';
      return `不能小于 ${issue.minimum}，实际是 ${describe(input)}`;
    case 'too_big':
      if (issue.origin === 'array') return issue.message.startsWith('Too') ? `最多 ${issue.maximum} 项` : issue.message;
      return `不能大于 ${issue.maximum}，实际是 ${describe(input)}`;
    case 'invalid_union':
      return '格式不对：一级菜单要么有 type（菜单项），要么有 sub_button（子菜单列表），不能两者都有或都没有';
    case 'invalid_format':
      return `${issue.message}，实际是 ${describe(input)}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message;
  }
}
