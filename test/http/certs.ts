import { generate } from 'selfsigned';

const DAY = 86_400_000;

export interface Pems {
  readonly private: string;
  readonly cert: string;
}

/** A CA generated at test time (EC keys: fast to make). */
export function testCa(commonName: string): Promise<Pems> {
  return generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
}

/** A server certificate for `commonName`, valid over [fromDays, toDays] from now, signed by `ca` or self-signed. */
export function serverCert(commonName: string, ca: Pems | undefined, fromDays = -1, toDays = 30): Promise<Pems> {
  return generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() + fromDays * DAY),
    notAfterDate: new Date(Date.now() + toDays * DAY),
    ...(ca === undefined ? {} : { ca: { key: ca.private, cert: ca.cert } }),
  });
}
