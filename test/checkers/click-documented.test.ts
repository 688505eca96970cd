/**
 * The click checker against account servers written from WeChat's
 * documentation (test/helpers/documented-account-server.ts): a server that
 * answers `success`, one that answers nothing, and one a 第三方平台 hosts.
 */
import test from 'ava';
import { clickChecker } from '../../checkers/click.ts';
import type { CheckContext } from '../../checkers/types.ts';
import type { AccountConfig, ServerConfig } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { defaultMenu, type MenuItem } from '../../core/menu.ts';
import { verdictOf } from '../../core/results.ts';
import { recordCache } from '../../store/api-cache.ts';
import { startDocumentedServer } from '../helpers/documented-account-server.ts';

const accountAppId = 'wx0123456789abcdef';
const platformAppId = 'wxfedcba9876543210';
const originalId = 'gh_5a1b2c3d4e5f';
const vendorKey = 'VendorEncodingAesKeyForTests0123456789abcde';

const item = (key: string): MenuItem => ({ path: ['互动交流', '在线咨询'], kind: 'click', type: 'click', target: null, fields: { key }, menu: defaultMenu });

function context(server: ServerConfig, account: Partial<AccountConfig> = {}): CheckContext {
  return {
    account: { name: '扎兰屯融媒体', platform: 'wechat-subscription', owners: [], domains: [], appId: accountAppId, originalId, server, ...account },
    menuSource: 'inventory',
    api: null,
    probeOpenId: 'o_menu-patrol_self-check',
    apiCache: recordCache({}, () => new Date()),
    now: () => new Date('2026-12-07T01:00:00Z'),
    checkLink: async () => verdictOf([]),
    // The documented servers answer at once; a short deadline keeps a regression from costing WeChat's 5 s.
    clickReplyDeadlineMs: 1000,
  };
}

test('a server that answers success: 需人工确认, with exactly what it answered', async (t) => {
  const server = await startDocumentedServer(t, { token: 'tok', originalId, answers: { ZIXUN: 'success' } });
  const verdict = await clickChecker.check(item('ZIXUN'), context({ url: server.url, token: new Secret('tok', 'env:T'), mode: 'plain', thirdParty: false }));
  t.is(verdict.status, 'warn');
  t.deepEqual(verdict.problems.map((p) => p.code), ['click-unconfirmed']);
  t.regex(verdict.problems[0]!.message, /（服务器只回复了 success）$/);
  t.like(verdict.problems[0]!.evidence, { event: 'CLICK', key: 'ZIXUN', status: 200, bytes: 7, reply: 'success', answer: 'success' });
  t.deepEqual(server.received.map((r) => [r.toUser, r.event, r.key]), [[originalId, 'CLICK', 'ZIXUN']]);
});

test('a safe-mode server that answers with an empty body: 需人工确认, 0 bytes', async (t) => {
  const key = 'Zlt12333EncodingAesKeyForTests0123456789abc';
  const server = await startDocumentedServer(t, { token: 'tok', encodingAESKey: key, appId: accountAppId, originalId, answers: { ZIXUN: 'empty' } });
  const verdict = await clickChecker.check(item('ZIXUN'), context({ url: server.url, token: new Secret('tok', 'env:T'), encodingAESKey: new Secret(key, 'env:K'), mode: 'safe', thirdParty: false }));
  t.deepEqual(server.refused, []);
  t.deepEqual(verdict.problems.map((p) => p.code), ['click-unconfirmed']);
  t.like(verdict.problems[0]!.evidence, { status: 200, bytes: 0, reply: '', answer: 'empty' });
  t.regex(verdict.problems[0]!.message, /（服务器回复为空）$/);
});

test('a 第三方平台 server: the platform\'s AppID in the ciphertext both ways, the 原始ID as ToUserName, $APPID$ in the URL', async (t) => {
  const server = await startDocumentedServer(t, {
    token: 'vendor-token',
    encodingAESKey: vendorKey,
    appId: platformAppId,
    originalId,
    path: `/callback/${accountAppId}`,
    answers: { ZIXUN: { text: '您好，请留言，工作人员会在1个工作日内回复。' } },
  });
  const hosted: ServerConfig = {
    url: server.url.replace(accountAppId, '$APPID$'),
    token: new Secret('vendor-token', 'env:T'),
    encodingAESKey: new Secret(vendorKey, 'env:K'),
    appId: platformAppId,
    mode: 'safe',
    thirdParty: true,
  };
  const verdict = await clickChecker.check(item('ZIXUN'), context(hosted));
  t.deepEqual(server.refused, []);
  t.is(verdict.status, 'ok');
  t.regex(verdict.note ?? '', /请留言/);
  t.deepEqual(server.received, [{ path: `/callback/${accountAppId}`, toUser: originalId, event: 'CLICK', key: 'ZIXUN', appId: platformAppId }]);

  // The account's own AppID where the platform's belongs: the server refuses the push, and says so.
  const wrong = await clickChecker.check(item('ZIXUN'), context({ ...hosted, thirdParty: false, appId: accountAppId }));
  t.deepEqual(wrong.problems.map((p) => p.code), ['click-server-error']);
  t.deepEqual(server.refused, [`appid ${accountAppId}`]);
});
