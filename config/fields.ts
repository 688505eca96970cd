/**
 * Field shapes shared by config/schema.ts and the modules that own a part of
 * the config (each notifier channel): one wording of each error.
 */
import { z } from 'zod';

export const text = z.string().trim().min(1);

export const httpUrl = z.url({ protocol: /^https?$/, error: '应为以 http:// 或 https:// 开头的完整网址' });

/** A mainland mobile number, as chat platforms know their members by. */
export const mobile = z.string().trim().regex(/^1\d{10}$/, '应为 11 位手机号，例如 13800000000');

/** `env:NAME` (recommended) or the secret itself; load.ts turns it into a Secret. */
export const secretRef = text;
