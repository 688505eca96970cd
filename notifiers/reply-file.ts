/**
 * A file a person asked for (the report's xlsx), read for a platform's media
 * upload. The platforms refuse files over their limit, and some refuse tiny
 * ones: that is said in plain words before anything is uploaded.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

export interface FileToSend {
  readonly name: string;
  readonly type: string;
  readonly data: Buffer;
}

const types: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/** The file's extension, lower case ("xlsx"); DingTalk's sampleFile names it. */
export const extensionOf = (name: string) => /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The file's bytes; throws in plain words (the report handler says them to the person) when `platform` would refuse its size. */
export async function readFileToSend(path: string, platform: string, limits: { readonly maxBytes: number; readonly minBytes?: number }): Promise<FileToSend> {
  const data = await readFile(path);
  const name = basename(path);
  if (data.length > limits.maxBytes) throw new Error(`文件“${name}”有 ${megabytes(data.length)}，超过了${platform}允许的 ${megabytes(limits.maxBytes)}`);
  if (data.length < (limits.minBytes ?? 1)) throw new Error(`文件“${name}”是空的，${platform}不收`);
  return { name, type: types[extensionOf(name)] ?? 'application/octet-stream', data };
}
