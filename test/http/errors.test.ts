import test from 'ava';
import { PRIVATE_ADDRESS_CODE } from '../../http/address-guard.ts';
import { classifyError, redactSecrets } from '../../http/errors.ts';

const error = (code: string, message: string, name = 'RequestError') => Object.assign(new Error(message), { code, name });

test('network errors map to outcome codes, transient ones marked for a retry', (t) => {
  const cases: [Error, string, boolean][] = [
    [error('ETIMEDOUT', "Timeout awaiting 'connect' for 10000ms", 'TimeoutError'), 'timeout', true],
    [error('ENOTFOUND', 'getaddrinfo ENOTFOUND rsj.zlt.gov.cn'), 'dns-failure', false],
    [error('EAI_AGAIN', 'getaddrinfo EAI_AGAIN rsj.zlt.gov.cn'), 'dns-failure', true],
    [error('ECONNREFUSED', 'connect ECONNREFUSED 61.135.1.1:443'), 'connect-failure', false],
    [error('EHOSTUNREACH', 'connect EHOSTUNREACH 61.135.1.1:443'), 'connect-failure', false],
    [error('ENETUNREACH', 'connect ENETUNREACH 61.135.1.1:443'), 'connect-failure', false],
    [error('ECONNRESET', 'socket hang up'), 'connect-failure', true],
    [error('HPE_INVALID_HEADER_TOKEN', 'Parse Error: Invalid header value char'), 'connect-failure', false],
    [error('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls-invalid', false],
    [error('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), 'tls-invalid', false],
    [error('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'tls-invalid', false],
    [error('EPROTO', 'write EPROTO ssl3_read_bytes:sslv3 alert handshake failure'), 'tls-invalid', false],
    [error(PRIVATE_ADDRESS_CODE, 'intranet → 10.0.0.8 is private; refusing to connect'), 'private-address', false],
  ];
  for (const [err, code, transient] of cases) {
    t.like(classifyError(err, undefined), { error: code, transient }, err.message);
  }
  t.is(classifyError(error('CERT_HAS_EXPIRED', 'certificate has expired'), undefined).detail, 'certificate has expired (CERT_HAS_EXPIRED)');
  t.is(classifyError(error('ERR_GOT_REQUEST_ERROR', 'Bad response: 407'), undefined).detail, 'Bad response: 407');
  t.is(classifyError(error('ECONNRESET', 'aborted'), 'reading the body of HTTP 200').detail, 'ECONNRESET: aborted (reading the body of HTTP 200)');
});

test('redactSecrets masks every access_token value', (t) => {
  t.is(
    redactSecrets('GET https://api.weixin.qq.com/cgi-bin/menu/get?access_token=abc.DEF-123&x=1 then ACCESS_TOKEN=zzz'),
    'GET https://api.weixin.qq.com/cgi-bin/menu/get?access_token=***&x=1 then ACCESS_TOKEN=***',
  );
});
