import test from 'ava';
import { errcodeOf, judgeWebhookReply, type ReplyRules } from '../../notifiers/judge-webhook-reply.ts';

const rules: ReplyRules = { resultCode: errcodeOf, retryableCodes: new Set([45009]) };
const reply = (status: number, body: unknown) => judgeWebhookReply({ kind: 'reply', status, body }, rules);

test('success needs HTTP 2xx and an explicit zero code', (t) => {
  t.deepEqual(reply(200, { errcode: 0, errmsg: 'ok' }), { ok: true });
  t.deepEqual(reply(200, {}), { ok: false, retryable: false, reason: 'not-robot', detail: 'reply has no result code: not a robot endpoint?' });
  t.deepEqual(reply(200, undefined), { ok: false, retryable: false, reason: 'not-robot', detail: 'reply has no result code: not a robot endpoint?' });
});

test('a non-zero code in a 200 reply is a failure, retryable only for the listed codes', (t) => {
  t.deepEqual(reply(200, { errcode: 45009, errmsg: 'api freq out of limit' }), {
    ok: false,
    retryable: true,
    reason: 'rate-limited',
    code: { errcode: 45009 },
    detail: 'errcode 45009: api freq out of limit',
  });
  t.deepEqual(reply(200, { errcode: 93000, errmsg: 'invalid webhook url' }), {
    ok: false,
    retryable: false,
    reason: 'rejected',
    code: { errcode: 93000 },
    detail: 'errcode 93000: invalid webhook url',
  });
});

test('5xx and 429 are retryable whatever the body says; other statuses are not', (t) => {
  t.deepEqual(reply(502, undefined), { ok: false, retryable: true, reason: 'server-error', code: { http: 502 }, detail: 'HTTP 502' });
  t.deepEqual(reply(503, { errcode: 93000, errmsg: 'x' }), { ok: false, retryable: true, reason: 'server-error', code: { http: 503 }, detail: 'HTTP 503, errcode 93000: x' });
  t.deepEqual(reply(429, undefined), { ok: false, retryable: true, reason: 'rate-limited', code: { http: 429 }, detail: 'HTTP 429' });
  t.deepEqual(reply(404, undefined), { ok: false, retryable: false, reason: 'not-robot', code: { http: 404 }, detail: 'HTTP 404' });
  t.deepEqual(reply(302, undefined), { ok: false, retryable: false, reason: 'not-robot', code: { http: 302 }, detail: 'HTTP 302' });
  t.deepEqual(reply(400, { errcode: 45009, errmsg: 'busy' }), { ok: false, retryable: true, reason: 'rate-limited', code: { errcode: 45009 }, detail: 'HTTP 400, errcode 45009: busy' });
});

test('network errors are retryable and keep only the error code', (t) => {
  t.deepEqual(judgeWebhookReply({ kind: 'network', code: 'ECONNRESET' }, rules), { ok: false, retryable: true, reason: 'network', code: { network: 'ECONNRESET' }, detail: 'network error ECONNRESET' });
});

test('platform messages are flattened to one short line', (t) => {
  const result = reply(200, { errcode: 40058, errmsg: `bad\n\tparam ${'x'.repeat(300)}` });
  t.false(result.ok);
  if (!result.ok) {
    t.regex(result.detail, /^errcode 40058: bad param x+…$/);
    t.true(result.detail.length < 240);
  }
});
