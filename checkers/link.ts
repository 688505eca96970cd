import { problem } from '../core/problems.ts';
import { verdictOf } from '../core/results.ts';
import type { Checker } from './types.ts';

/** Items that open a URL: view, web-editor news articles and video. */
export const linkChecker: Checker = {
  async check(item, ctx) {
    if (!item.target) return verdictOf([problem('missing-target', undefined, { fields: item.fields })]);
    return ctx.checkLink(item.target, ctx.account);
  },
};
