import { problem, type Problem } from '../core/problems.ts';
import { unverifiedOf } from '../core/results.ts';
import type { Checker } from './types.ts';

/**
 * Whether a mini program opens can only be seen on a phone; what can be seen
 * here is whether it is configured completely, and whether the fallback page
 * that older clients open works.
 */
export const miniprogramChecker: Checker = {
  async check(item, ctx) {
    const { appid, pagepath } = item.fields;
    const own: Problem[] = [];
    if (!appid || !/^wx[0-9a-f]{16}$/.test(appid)) own.push(problem('miniprogram-invalid', appid ? `AppID ${appid} 格式不对` : '没有填写小程序 AppID', { fields: item.fields }));
    if (!pagepath) own.push(problem('miniprogram-invalid', '没有填写小程序页面路径', { fields: item.fields }));
    if (!item.target) own.push(problem('miniprogram-invalid', '没有填写备用网页（旧版微信会打开它）', { fields: item.fields }));
    const fallback = item.target ? await ctx.checkLink(item.target, ctx.account) : undefined;
    return unverifiedOf([...own, ...(fallback?.problems ?? [])], '小程序本身能否打开需要在手机上确认；这里检查了它的设置和备用网页');
  },
};
