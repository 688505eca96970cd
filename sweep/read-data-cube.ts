/**
 * The newest 群发 or 发布 the data cube knows of (datacube/getarticletotaldetail:
 * every item 发表 in [begin_date, end_date], `ref_date` its date). Verified
 * accounts only; data is a day late, so the walk starts at yesterday and goes
 * back one day per call until it finds something or passes the overdue window:
 * an active account costs a call or two. The span a call may cover is not
 * documented, hence one day each.
 */
import type { AccountApi } from '../wechat/client.ts';
import { askCached, type AskContext } from '../wechat/ask-cached.ts';

interface TotalDetail {
  readonly list?: readonly { readonly ref_date?: string; readonly publish_type?: number }[];
}

const dayMs = 86_400_000;
/** The data cube's dates are China's (UTC+8), whatever zone the office or the server is in. */
const chinaOffsetMs = 8 * 3_600_000;
const chinaDate = (ms: number) => new Date(ms + chinaOffsetMs).toISOString().slice(0, 10);

export interface DataCubeContext extends AskContext {
  readonly now: () => Date;
}

/**
 * The newest day with anything 发表 (ISO time, noon China time of that day), null if none within
 * `days` days before today, or the refusal (unverified accounts: 48001).
 */
export async function newestInDataCube(api: AccountApi, appId: string, days: number, ctx: DataCubeContext) {
  const today = ctx.now().getTime();
  for (let back = 1; back <= days; back++) {
    const day = chinaDate(today - back * dayMs);
    const asked = await askCached(ctx, `datacube:${appId}:${day}`, async () => {
      const body = (await api.post('datacube/getarticletotaldetail', { begin_date: day, end_date: day })) as TotalDetail;
      return (body.list ?? []).length > 0;
    });
    if ('error' in asked) return asked;
    if (asked.value) return { value: `${day}T12:00:00+08:00` };
  }
  return { value: null };
}
