import { check } from './check.ts';
import { confirm } from './confirm.ts';
import { fixed } from './fixed.ts';
import { help } from './help.ts';
import { report } from './report.ts';
import { status } from './status.ts';
import { updated } from './updated.ts';
import type { HandlerRegistry } from './types.ts';

/** Every command has its handler: adding a command name fails to compile until it is registered here. */
export const handlers = { help, check, status, fixed, updated, confirm, report } as const satisfies HandlerRegistry;
