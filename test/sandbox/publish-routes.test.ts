import test from 'ava';
import { postJson, sandboxFor, tokenFor } from './helpers.ts';

interface Page {
  total_count: number;
  item_count: number;
  item: { article_id: string; update_time: number; content: { news_item: { title: string; content?: string; is_deleted: boolean }[] } }[];
}

test('freepublish/batchget pages an account’s publications newest first, with or without the bodies', async (t) => {
  const sandbox = await sandboxFor(t);
  const account = sandbox.world.accounts.find((a) => a.name === '扎兰屯环境保护')!;
  const token = await tokenFor(sandbox, account.api!.appId);
  const url = `${sandbox.apiBase}/cgi-bin/freepublish/batchget?access_token=${token}`;

  const full = (await postJson(url, { offset: 0, count: 20, no_content: 0 })) as unknown as Page;
  t.is(full.item_count, full.item.length);
  t.true(full.total_count >= 5);
  const times = full.item.map((i) => i.update_time);
  t.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  const newestDays = (Date.now() / 1000 - times[0]!) / 86_400;
  t.true(newestDays >= 20 && newestDays < 21, `the overdue account last published ${newestDays.toFixed(1)} days ago`);
  t.regex(full.item[0]!.content.news_item[0]!.content ?? '', /^<section/);

  const bare = (await postJson(url, { offset: 1, count: 2, no_content: 1 })) as unknown as Page;
  t.deepEqual(bare.item.map((i) => i.article_id), full.item.slice(1, 3).map((i) => i.article_id));
  t.is(bare.item[0]!.content.news_item[0]!.content, undefined, 'no_content leaves the bodies out');

  t.is((await postJson(url, { offset: 0, count: 21 })).errcode, 47001);
});
