import { raw } from 'hono/html';
import { weeklyChart } from '../../reports/svg-charts.ts';
import type { AccountView, MenuNode, ProblemView } from '../account-view.ts';
import { itemStates } from '../account-view.ts';
import type { Viewer } from '../auth.ts';
import { Layout } from '../layout.tsx';
import { accountHref, stateClass } from './overview.tsx';

const statusClass = { ok: 'good', warn: 'warn', fail: 'bad', unverified: 'muted', skipped: 'muted' } as const;

function Item({ item }: { item: MenuNode }) {
  return (
    <li>
      <span class="item-name">{item.name}</span>
      {item.status ? <span class={`state ${statusClass[item.status]}`}>{itemStates[item.status]}</span> : null}
      {item.problems.map((p) => (
        <div class="problem-line">{p}</div>
      ))}
      {item.note ? <div class="note">{item.note}</div> : null}
      {item.children.length > 0 ? (
        <ul>
          {item.children.map((c) => (
            <Item item={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Problem({ p }: { p: ProblemView }) {
  return (
    <li class={`card finding ${p.resolved ? 'fixed' : p.warning ? 'warn' : 'bad'}`}>
      <div class="place">
        {p.place}
        {p.critical ? <span class="pill bad">互动功能</span> : null}
      </div>
      <p class="text">{p.text}</p>
      {p.resolved ? null : <p class="hint">怎么办：{p.hint}</p>}
      <p class="times">
        {`首次发现 ${p.firstSeen}，最近一次发现 ${p.lastSeen}`}
        {p.resolved ? `，${p.removed ? '已从菜单中删除' : '已整改'}于 ${p.resolved}` : ''}
      </p>
      {p.link ? (
        <p class="evidence">
          网址：<a href={p.link} rel="noreferrer noopener" target="_blank">{p.link}</a>
        </p>
      ) : null}
      {p.chain.length > 1 ? (
        <details class="evidence">
          <summary>跳转经过（{p.chain.length} 步）</summary>
          <ol>
            {p.chain.map((hop) => (
              <li>{hop}</li>
            ))}
          </ol>
        </details>
      ) : null}
      {p.matched.length > 0 ? <p class="evidence">{`发现的文字：${p.matched.join('、')}`}</p> : null}
      {p.snippet ? <blockquote class="evidence">{p.snippet}</blockquote> : null}
      {p.hasScreenshot ? (
        <figure class="shot">
          <a href={`/evidence/${encodeURIComponent(p.id)}`} target="_blank">
            <img src={`/evidence/${encodeURIComponent(p.id)}`} alt="发现问题时的手机截图" loading="lazy" />
          </a>
          <figcaption>发现问题时，手机上看到的样子（点击看大图）</figcaption>
        </figure>
      ) : null}
    </li>
  );
}

export function AccountPage(props: { model: AccountView; viewer: Viewer; csrf: string; canRecheck: boolean }) {
  const { model } = props;
  const { row } = model;
  return (
    <Layout title={row.name} viewer={props.viewer} csrf={props.csrf} live>
      <h1>
        {row.name} <span class={`state ${stateClass[row.state]}`}>{row.state}</span>
      </h1>
      <p class="unit">{[row.unit, row.owners ? `负责人：${row.owners}` : ''].filter(Boolean).join(' · ')}</p>
      <p class="updated">
        {row.sweeping ? '正在巡检…' : row.lastSweep ? `上次巡检 ${row.lastSweep}` : (row.notChecked ?? '还没有巡检过')}
        {row.nextSweep ? `，下次巡检 ${row.nextSweep}` : ''}
        {row.countdown ? `。${row.countdown}` : ''}
      </p>
      {props.canRecheck ? (
        <form method="post" action={`${accountHref(row.name)}/recheck`} class="recheck">
          <input type="hidden" name="csrf" value={props.csrf} />
          <button type="submit">现在复查这个账号</button>
        </form>
      ) : null}
      {model.error ? (
        <section class="card bad">
          <h2>菜单没能读取</h2>
          <p>{model.error.message}</p>
          <p class="hint">怎么办：{model.error.hint}</p>
        </section>
      ) : null}
      <section>
        <h2>{`未整改的问题（${model.open.length}）`}</h2>
        {model.open.length === 0 ? <p class="empty">没有未整改的问题。</p> : null}
        <ul class="findings">
          {model.open.map((p) => (
            <Problem p={p} />
          ))}
        </ul>
      </section>
      <section>
        <h2>菜单{model.menuSource === 'inventory' ? '（按配置里登记的菜单）' : ''}</h2>
        {model.menus.length === 0 ? <p class="empty">还没有读到这个账号的菜单。</p> : null}
        {model.menus.map((m) => (
          <div class="card menu">
            {model.menus.length > 1 ? <h3>{m.name}</h3> : null}
            <ul class="tree">
              {m.items.map((item) => (
                <Item item={item} />
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section>
        <h2>{`${model.quarter}每周末未整改的问题数`}</h2>
        {model.weekly.length > 0 ? <div class="chart">{raw(weeklyChart(model.weekly))}</div> : <p class="empty">本季度还没有巡检记录。</p>}
      </section>
      {model.resolved.length > 0 ? (
        <section>
          <h2>{`已整改的问题（${model.resolved.length}）`}</h2>
          <ul class="findings">
            {model.resolved.map((p) => (
              <Problem p={p} />
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function RecheckQueuedPage(props: { name: string; viewer: Viewer; csrf: string; joined: boolean }) {
  return (
    <Layout title="已安排复查" viewer={props.viewer} csrf={props.csrf}>
      <section class="card">
        <h1>已安排复查</h1>
        <p>{props.joined ? `“${props.name}”正在巡检中，这次巡检结束后就能看到结果。` : `已安排复查“${props.name}”，通常一两分钟内完成。`}</p>
        <p>
          复查完成后，账号页面会自动更新。<a href={accountHref(props.name)}>返回账号页面</a>
        </p>
      </section>
    </Layout>
  );
}
