import { problem } from '../core/problems.ts';
import { verdictOf } from '../core/results.ts';
import type { Checker } from './types.ts';

/** Web-editor text replies: WeChat sends the value as is, so an empty value means nothing happens. */
export const textChecker: Checker = {
  async check(item) {
    return verdictOf((item.fields.value ?? '').trim() === '' ? [problem('text-empty')] : []);
  },
};
