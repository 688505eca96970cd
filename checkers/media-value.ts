import { problem } from '../core/problems.ts';
import { unverifiedOf, verdictOf } from '../core/results.ts';
import type { Checker } from './types.ts';

/**
 * Web-editor image and voice items. WeChat reports them as temporary media
 * ids that change on every call and expire in 3 days, so the id proves the
 * item is set up, not that the file still plays.
 */
export const mediaValueChecker: Checker = {
  async check(item) {
    if (!item.fields.value) return verdictOf([problem('missing-target', '菜单没有设置图片或语音', { fields: item.fields })]);
    return unverifiedOf([], '已设置素材；微信每次给出的素材编号都会变化，无法据此确认文件完好，如有疑问请在手机上点开确认');
  },
};
