import type { Context } from 'hono';
import { Layout } from '../layout.tsx';

/** What each refusal tells the person, in plain words; never a stack or an internal message. */
export const errorTexts = {
  400: { title: '网址有误', text: '网址里的参数不对。请从总览页面重新点开。' },
  403: { title: '不能打开', text: '这个链接无效或已经过期，或者这个请求不是从本页面发出的。请打开最新一条提醒消息里的链接，或者请政务公开办重新发送。' },
  404: { title: '没有找到', text: '没有这个页面或账号，或者您无权查看它。请从总览页面重新点开。' },
  414: { title: '网址太长', text: '网址太长了，无法处理。请从总览页面重新点开。' },
  429: { title: '尝试次数太多', text: '密码输错的次数太多，请稍后再试。' },
  500: { title: '出错了', text: '页面出了点问题，已经记录下来。请稍后刷新重试；一直这样请联系管理员。' },
} as const;

export type ErrorStatus = keyof typeof errorTexts;

export function ErrorPage(props: { status: ErrorStatus; detail?: string | undefined }) {
  const { title, text } = errorTexts[props.status];
  return (
    <Layout title={title}>
      <section class="card error">
        <h1>{title}</h1>
        <p>{text}</p>
        {props.detail ? <p>{props.detail}</p> : null}
        <p>
          <a href="/">返回总览</a>
        </p>
      </section>
    </Layout>
  );
}

export function errorPage(c: Context, status: ErrorStatus, detail?: string) {
  return c.html(ErrorPage({ status, detail }), status);
}
