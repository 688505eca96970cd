import test from 'ava';
import { clientAddress } from '../../web/client-address.ts';

test('behind a proxy on this computer the visitor is the address the proxy added last; elsewhere the headers are not believed', (t) => {
  const nginx = { forwardedFor: '198.51.100.9, 203.0.113.7' }; // the visitor claimed 198.51.100.9; nginx appended what it saw
  t.is(clientAddress('127.0.0.1', nginx, true), '203.0.113.7');
  t.is(clientAddress('::ffff:127.0.0.1', nginx, true), '203.0.113.7');
  t.is(clientAddress('::1', { realIp: '203.0.113.8' }, true), '203.0.113.8');
  t.is(clientAddress('127.0.0.1', {}, true), '127.0.0.1', 'a local visitor past the proxy');
  t.is(clientAddress('127.0.0.1', { forwardedFor: 'unknown' }, true), '127.0.0.1', 'not an address');
  t.is(clientAddress('127.0.0.1', nginx, false), '127.0.0.1', 'no proxy configured: the header is the visitor\'s word');
  t.is(clientAddress('192.168.1.20', nginx, true), '192.168.1.20', 'a peer that is not the local proxy');
  t.is(clientAddress(undefined, nginx, true), 'unknown');
});
