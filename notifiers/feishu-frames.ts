/**
 * Feishu's long-connection frame (`pbbp2.Frame` in the official SDK), encoded
 * by hand: the message is small and fixed, so a protobuf runtime would be a
 * dependency for ten fields. Field numbers and wire types are the SDK's
 * (official-channels.md §3): SeqID 1, LogID 2 (varint), service 3, method 4
 * (varint), headers 5 (repeated { key 1, value 2 }), payload 8 (bytes).
 */

/** method: control frames carry ping/pong, data frames carry events. */
export const frameMethod = { control: 0, data: 1 } as const;

export interface FeishuFrame {
  readonly seqId: bigint;
  readonly logId: bigint;
  readonly service: number;
  readonly method: number;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
  readonly payload?: Uint8Array | undefined;
}

/** A header's value by key ('type', 'message_id', 'sum', 'seq' …). */
export const header = (frame: FeishuFrame, key: string) => frame.headers.find((h) => h.key === key)?.value;

function varint(value: bigint): number[] {
  const out: number[] = [];
  // int32 fields are sign-extended to 64 bits on the wire, as protobuf does.
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

const tag = (field: number, wireType: number) => varint(BigInt((field << 3) | wireType));

function bytesField(field: number, bytes: Uint8Array): number[] {
  return [...tag(field, 2), ...varint(BigInt(bytes.length)), ...bytes];
}

const utf8 = new TextEncoder();

export function encodeFrame(frame: FeishuFrame): Uint8Array {
  const out = [...tag(1, 0), ...varint(frame.seqId), ...tag(2, 0), ...varint(frame.logId), ...tag(3, 0), ...varint(BigInt(frame.service)), ...tag(4, 0), ...varint(BigInt(frame.method))];
  for (const h of frame.headers) out.push(...bytesField(5, Uint8Array.from([...bytesField(1, utf8.encode(h.key)), ...bytesField(2, utf8.encode(h.value))])));
  if (frame.payload) out.push(...bytesField(8, frame.payload));
  return Uint8Array.from(out);
}

/** Reads fields in any order and skips unknown ones (payloadEncoding, LogIDNew …); throws on a truncated frame. */
function* fields(bytes: Uint8Array): Generator<{ field: number; value: bigint | Uint8Array }> {
  let at = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= bytes.length) throw new RangeError('truncated frame');
      const byte = bytes[at++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
    }
  };
  while (at < bytes.length) {
    const key = Number(readVarint());
    const wireType = key & 7;
    if (wireType === 0) yield { field: key >> 3, value: readVarint() };
    else if (wireType === 2) {
      const length = Number(readVarint());
      if (at + length > bytes.length) throw new RangeError('truncated frame');
      yield { field: key >> 3, value: bytes.subarray(at, (at += length)) };
    } else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else throw new RangeError(`unknown wire type ${wireType}`);
  }
}

const text = new TextDecoder();

export function decodeFrame(bytes: Uint8Array): FeishuFrame {
  const frame = { seqId: 0n, logId: 0n, service: 0, method: 0, headers: [] as { key: string; value: string }[], payload: undefined as Uint8Array | undefined };
  for (const { field, value } of fields(bytes)) {
    if (typeof value === 'bigint') {
      if (field === 1) frame.seqId = value;
      if (field === 2) frame.logId = value;
      if (field === 3) frame.service = Number(BigInt.asIntN(32, value));
      if (field === 4) frame.method = Number(BigInt.asIntN(32, value));
    } else if (field === 5) {
      const h = { key: '', value: '' };
      for (const part of fields(value)) if (part.value instanceof Uint8Array) h[part.field === 1 ? 'key' : 'value'] = text.decode(part.value);
      frame.headers.push(h);
    } else if (field === 8) frame.payload = value;
  }
  return frame;
}
