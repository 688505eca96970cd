/**
 * Writes the running sandbox down as a menu-patrol.yaml, the same file an
 * office would write for its real accounts, so the demo exercises the real
 * config loader. Secrets stay out of the file: it names env:NAME and the
 * caller puts the values in the environment.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, isCollection, isMap, isScalar, isSeq, visit } from 'yaml';
import { defaultTimeZone } from '../config/schema.ts';
import { localDateString } from '../core/time.ts';
import type { Sandbox } from './index.ts';

/** The office in the demo: who runs it, where the team talks, and the inspection it prepares for. */
export const demoAdmin = { name: '张丽', remark: '张丽-政务公开办' };
export const demoWorkGroup = '扎兰屯市政务新媒体工作群';
export const demoInspection = '呼伦贝尔市政务新媒体服务项专项检查';

const header = [
  ' 菜单巡检演示配置：由沙箱自动生成。',
  ' 模拟的微信接口和各单位网站都运行在本机 127.0.0.1 上，不访问互联网。',
  ' 密钥不写进文件：appSecret 写成 env:变量名，真实值放在环境变量里。',
].join('\n');

export interface DemoConfigOptions {
  /** Default true: script-built pages are opened in the browser and failing pages photographed. */
  readonly browser?: boolean;
}

export async function writeDemoConfig(
  sandbox: Sandbox,
  dir: string,
  options: DemoConfigOptions = {},
): Promise<{ configPath: string; env: Record<string, string> }> {
  const doc = new Document(
    {
      network: {
        allowPrivateAddresses: true,
        timeoutMs: 4000,
        concurrency: 32,
        perHostConcurrency: 2,
        resolve: sandbox.hosts,
      },
      wechat: { apiBase: sandbox.apiBase },
      ...(options.browser === false ? { browser: { enabled: false } } : {}),
      schedule: { quietHours: false },
      inspections: [{ name: demoInspection, date: localDateString(new Date(Date.now() + 19 * 86_400_000), defaultTimeZone) }],
      bot: { admins: [demoAdmin], workGroup: demoWorkGroup, messageGapMs: { min: 100, max: 300 } },
      accounts: sandbox.accounts,
    },
    // Accounts share owner and domain lists; anchors and aliases would only confuse a reader.
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore = header;
  const comment = (path: string[], text: string) => {
    const node = doc.getIn(path, true);
    if (isScalar(node) || isCollection(node)) node.comment = text;
  };
  comment(['network', 'allowPrivateAddresses'], ' 沙箱运行在 127.0.0.1 上');
  comment(['schedule', 'quietHours'], ' 演示随时运行，不设免打扰时段（默认 22:00–08:00）');
  comment(['bot', 'messageGapMs'], ' 演示时加快；正式使用默认每条间隔 3–5 秒');
  // Short lists and menu items on one line each, as a person would write them.
  visit(doc, {
    Pair(_, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if ((key === 'owners' || key === 'domains') && isCollection(pair.value)) pair.value.flow = true;
      if (key === 'sub_button' && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      }
    },
  });
  const configPath = join(dir, 'menu-patrol.yaml');
  await writeFile(configPath, doc.toString({ lineWidth: 0 }), 'utf8');
  return { configPath, env: { ...sandbox.secrets } };
}
