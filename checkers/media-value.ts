import { WeChatApiError } from '../core/errors.ts';
import { problem } from '../core/problems.ts';
import { unverifiedOf, verdictOf } from '../core/results.ts';
import type { Checker } from './types.ts';

const unverifiable = '已设置素材；没有微信接口权限（或菜单登记在配置里），无法确认文件完好，如有疑问请在手机上点开确认';

/**
 * Web-editor image and voice items. WeChat reports them as temporary
 * media ids that change on every menu query and live about 3 days, so they
 * can be fetched with media/get right after the menu was read (never from an
 * inventory, whose ids are long expired): the file answering means the item
 * works; 40007 means the menu sends nothing.
 */
export const mediaValueChecker: Checker = {
  async check(item, ctx) {
    const id = item.fields.value;
    if (!id) return verdictOf([problem('missing-target', '菜单没有设置图片或语音', { fields: item.fields })]);
    if (!ctx.api || ctx.menuSource !== 'api') return unverifiedOf([], unverifiable);
    try {
      await ctx.api.get('cgi-bin/media/get', { media_id: id });
      return verdictOf([]);
    } catch (error) {
      if (!(error instanceof WeChatApiError)) throw error;
      if (error.errcode === 40007) return verdictOf([problem('material-missing', '菜单里的图片、语音或视频已失效', { mediaId: id, errcode: 40007 })]);
      return unverifiedOf([], `已设置素材；这次无法通过微信接口确认文件完好（${error.errcode}）：${error.hint}`);
    }
  },
};
