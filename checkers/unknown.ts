import { problem } from '../core/problems.ts';
import { verdictOf } from '../core/results.ts';
import type { Checker } from './types.ts';

/** A type WeChat added after this version: reported so a person looks, never silently dropped. */
export const unknownChecker: Checker = {
  async check(item) {
    return verdictOf([problem('unknown-type', `类型 ${item.type || '（空）'}`, { type: item.type, fields: item.fields })]);
  },
};
