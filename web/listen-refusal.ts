/** Why an address cannot be listened on, in the office's words (the errno code when it is none of these). */
export function listenRefusal(code: string): string {
  if (code === 'EADDRINUSE') return '端口已被其他程序占用';
  if (code === 'EADDRNOTAVAIL') return '这台电脑没有这个地址';
  if (code === 'EACCES') return '没有权限使用这个端口';
  return code;
}
