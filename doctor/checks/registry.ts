import type { DoctorCheck } from '../types.ts';
import { channelsCheck } from './channels.ts';
import { clockCheck } from './clock.ts';
import { configCheck } from './config.ts';
import { dataFolderCheck } from './data-folder.ts';
import { proxyCheck } from './proxy.ts';
import { wechatAccountsCheck } from './wechat-accounts.ts';
import { webCheck } from './web.ts';

/** Every check doctor runs, in the order its table shows them. */
export const doctorChecks: readonly DoctorCheck[] = [configCheck, wechatAccountsCheck, channelsCheck, proxyCheck, clockCheck, dataFolderCheck, webCheck];
