import { join } from 'node:path';
import type { Config } from '../../config/load.ts';
import { startOfficeProxy } from '../../sandbox/office-proxy.ts';
import { Store } from '../../store/store.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import type { CliIo } from '../io.ts';

/** The proxy address as a clerk may show it to a colleague: the password masked. */
const shown = (url: string) => url.replace(/:[^:@/]+@/, ':***@');

/**
 * An office whose intranet reaches the web only through a proxy that allows
 * CONNECT to port 443 alone and wants credentials: one account swept through
 * it, first with the credentials forgotten (every link "not checked", saying
 * it is the proxy, never a broken site), then with them (plain-http county
 * sites reached in absolute form).
 */
export async function demoProxy(config: Config, dir: string, account: string, io: CliIo): Promise<void> {
  const proxy = await startOfficeProxy();
  try {
    for (const [i, url] of [proxy.url, proxy.urlWithCredentials].entries()) {
      const store = await Store.open(join(dir, `proxy-${i}.json`));
      const sweeps = new SweepService({ config: { ...config, browser: { ...config.browser, enabled: false } }, store, proxyEnv: { HTTP_PROXY: url, HTTPS_PROXY: url } });
      try {
        const { result } = await sweeps.sweep([account], 'demo');
        const s = result.summary;
        io.stdout(`HTTP_PROXY=${shown(url)}\n  ${account}：${s.items} 个菜单项，正常 ${s.ok}，有问题 ${s.fail}，需人工确认 ${s.warn}，未核实 ${s.unverified}，未自动检查 ${s.skipped}\n`);
        const note = result.accounts.flatMap((a) => a.items).find((item) => item.status === 'skipped' && item.note?.includes('代理'))?.note;
        if (note) io.stdout(`  未自动检查的原因：${note}\n`);
      } finally {
        sweeps.close();
      }
    }
  } finally {
    await proxy.close();
  }
}
