import type { Viewer } from '../auth.ts';
import { Layout } from '../layout.tsx';
import type { RunRow } from '../view-model.ts';

export function RunsPage(props: { runs: readonly RunRow[]; viewer: Viewer; csrf: string }) {
  return (
    <Layout title="巡检记录" viewer={props.viewer} csrf={props.csrf} current="runs" live>
      <h1>巡检记录</h1>
      {props.runs.length === 0 ? <p class="empty">还没有巡检记录。</p> : null}
      <ul class="runs">
        {props.runs.map((r) => (
          <li class="card run">
            <div class="line">
              <strong>{r.started}</strong>
              <span class="trigger">{r.trigger}</span>
            </div>
            <p>
              {`用时 ${r.duration}，巡检 ${r.accounts} 个账号`}
              {r.failedItems > 0 ? `，${r.failedItems} 个菜单项有问题` : '，菜单项都能打开'}
              {r.unread > 0 ? `，${r.unread} 个账号没能读取菜单` : ''}
            </p>
            <p class="changes">
              {r.opened + r.resolved === 0 ? '和上次相比没有变化' : `新发现 ${r.opened} 个问题，已整改 ${r.resolved} 个`}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
