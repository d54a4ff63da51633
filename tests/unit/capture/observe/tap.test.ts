/** The main-world tap (lib/capture/observe/tap.ts): copies allow-listed bodies, never changes what the page sees. */
import { describe, expect, test, vi } from 'vitest';
import { bufferedPoster, installTap, TAP_MARK, type TapObserved, type TapWindow } from '@/lib/capture/observe/tap';
import { isObservedUrl } from '@/lib/capture/observe/allow-list';
import { decodeBody } from '@/lib/capture/observe/decode';

const PAGE = 'https://fxg.jinritemai.com/ffa/morder/order/list';
const API = 'https://fxg.jinritemai.com/api/order/searchlist?page=0&pageSize=10';
const OTHER = 'https://fxg.jinritemai.com/api/order/tabcnt?tabcnt_version=v1';

/** A minimal XMLHttpRequest: open/send on its prototype, a scripted answer, loadend listeners. */
class FakeXhr {
  static answer: { status: number; type?: XMLHttpRequestResponseType; body: unknown; url?: string } = { status: 200, body: '' };
  responseType: XMLHttpRequestResponseType = '';
  status = 0;
  responseURL = '';
  response: unknown = null;
  responseText = '';
  listeners: (() => void)[] = [];
  openedWith: unknown[] = [];
  sentWith: unknown[] = [];
  addEventListener(type: string, fn: () => void) {
    if (type === 'loadend') this.listeners.push(fn);
  }
  open(...args: unknown[]) {
    this.openedWith = args;
  }
  send(...args: unknown[]) {
    this.sentWith = args;
    const a = FakeXhr.answer;
    this.status = a.status;
    this.responseURL = a.url ?? '';
    this.response = a.body;
    if (this.responseType === '' || this.responseType === 'text') this.responseText = String(a.body);
    queueMicrotask(() => this.listeners.forEach((fn) => fn()));
  }
}

function fakeWindow(fetchImpl: typeof fetch): TapWindow & { XMLHttpRequest: typeof FakeXhr } {
  class Xhr extends FakeXhr {}
  // Own prototype methods, as the real XMLHttpRequest.prototype has them.
  Xhr.prototype.open = FakeXhr.prototype.open;
  Xhr.prototype.send = FakeXhr.prototype.send;
  return { fetch: fetchImpl, XMLHttpRequest: Xhr, location: { href: PAGE } } as unknown as TapWindow & { XMLHttpRequest: typeof FakeXhr };
}

const flush = () => new Promise((r) => setTimeout(r, 10));

describe('fetch', () => {
  test('the page gets the same promise and an unread body; the tap gets the bytes of an allow-listed URL', async () => {
    const body = '{"code":0,"data":[{"shop_order_id":"6919000000000000001"}]}';
    const original = vi.fn(async (..._args: unknown[]) => new Response(body, { status: 200 }));
    const win = fakeWindow(original as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: isObservedUrl, post: (m) => got.push(m), maxBytes: 1 << 20 });
    const init = { method: 'GET', headers: { 'x-a': '1' } };
    const thisArg = { marker: true };
    const p = win.fetch.call(thisArg, '/api/order/searchlist?page=0&pageSize=10', init);
    // Same this and arguments as the page passed.
    expect(original.mock.contexts[0]).toBe(thisArg);
    expect(original.mock.calls[0]).toEqual(['/api/order/searchlist?page=0&pageSize=10', init]);
    const res = await p;
    expect(res.bodyUsed).toBe(false);
    expect(await res.text()).toBe(body);
    await flush();
    expect(got).toHaveLength(1);
    expect(got[0]![TAP_MARK]).toBe(1);
    expect(got[0]!.url).toBe(API);
    expect(got[0]!.method).toBe('GET');
    expect(got[0]!.status).toBe(200);
    expect(decodeBody(got[0]!.bytes!)).toBe(body);
  });

  test('other URLs are not copied; errors reach the page unchanged', async () => {
    const err = new TypeError('Failed to fetch');
    const win = fakeWindow((async (url: string) => {
      if (url.includes('fail')) throw err;
      return new Response('{}');
    }) as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: isObservedUrl, post: (m) => got.push(m), maxBytes: 1 << 20 });
    await win.fetch(OTHER);
    await expect(win.fetch('https://fxg.jinritemai.com/api/order/searchlist?fail=1')).rejects.toBe(err);
    await flush();
    expect(got).toEqual([]);
  });

  test('an oversized body is counted with its reason, not copied', async () => {
    const win = fakeWindow((async () => new Response('x'.repeat(5000))) as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: () => true, post: (m) => got.push(m), maxBytes: 1000 });
    const res = await win.fetch(API);
    expect((await res.text()).length).toBe(5000);
    await flush();
    expect(got).toHaveLength(1);
    expect(got[0]!.bytes).toBeUndefined();
    expect(got[0]!.skipped).toMatch(/响应过大/);
  });

  test('the request body of a form POST is recorded', async () => {
    const win = fakeWindow((async () => new Response('{"mainOrders":[]}')) as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: isObservedUrl, post: (m) => got.push(m), maxBytes: 1 << 20 });
    const form = 'action=itemlist/SoldQueryAction&pageNum=2&prePageNo=1&pageSize=15';
    await win.fetch('https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1', { method: 'post', body: form });
    await flush();
    expect(got[0]!.method).toBe('POST');
    expect(got[0]!.requestBody).toBe(form);
  });

  test('a tap whose hand-over throws never breaks the page', async () => {
    const win = fakeWindow((async () => new Response('{"a":1}')) as unknown as typeof fetch);
    installTap(win, {
      allow: () => true,
      post: () => {
        throw new Error('boom');
      },
      maxBytes: 1 << 20,
    });
    const res = await win.fetch(API);
    expect(await res.json()).toEqual({ a: 1 });
  });

  test('the wrapper reads like the original to toString and name', () => {
    async function fetch() {
      return new Response('');
    }
    const win = fakeWindow(fetch as unknown as typeof globalThis.fetch);
    installTap(win, { allow: () => true, post: () => undefined, maxBytes: 10 });
    expect(win.fetch).not.toBe(fetch);
    expect(win.fetch.toString()).toBe(fetch.toString());
    expect(win.fetch.name).toBe('fetch');
  });
});

describe('XMLHttpRequest', () => {
  test('text responses: the page reads its own text; the tap gets it marked as already decoded', async () => {
    const win = fakeWindow((async () => new Response('')) as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: isObservedUrl, post: (m) => got.push(m), maxBytes: 1 << 20 });
    FakeXhr.answer = { status: 200, body: '{"code":0,"data":[]}', url: API };
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', '/api/order/searchlist?page=0&pageSize=10', true);
    xhr.send(null);
    expect(xhr.openedWith).toEqual(['GET', '/api/order/searchlist?page=0&pageSize=10', true]);
    expect(xhr.sentWith).toEqual([null]);
    await flush();
    expect(xhr.responseText).toBe('{"code":0,"data":[]}');
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ via: 'xhr', url: API, method: 'GET', status: 200, text: '{"code":0,"data":[]}' });
    expect(got[0]!.bytes).toBeUndefined();
  });

  test('arraybuffer responses are copied (the page keeps its own buffer); json responses are stringified', async () => {
    const win = fakeWindow((async () => new Response('')) as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: () => true, post: (m) => got.push(m), maxBytes: 1 << 20 });
    const pageBuf = new Uint8Array([0x7b, 0x7d]).buffer;
    FakeXhr.answer = { status: 200, body: pageBuf };
    const a = new win.XMLHttpRequest();
    a.responseType = 'arraybuffer';
    a.open('POST', 'https://trade.taobao.com/trade/itemlist/asyncSold.htm');
    a.send('pageNum=1');
    FakeXhr.answer = { status: 200, body: { code: 0, data: { x: 1 } } };
    const b = new win.XMLHttpRequest();
    b.responseType = 'json';
    b.open('GET', 'https://compass.jinritemai.com/compass_api/shop/x');
    b.send();
    await flush();
    expect(got).toHaveLength(2);
    expect(got[0]!.bytes).not.toBe(pageBuf);
    expect(Array.from(new Uint8Array(got[0]!.bytes!))).toEqual([0x7b, 0x7d]);
    expect(got[0]!.requestBody).toBe('pageNum=1');
    expect(pageBuf.byteLength).toBe(2); // not detached
    expect(got[1]!.text).toBe('{"code":0,"data":{"x":1}}');
  });

  test('a wrapper the page (or an anti-bot SDK) installs before or after the tap keeps working', async () => {
    const win = fakeWindow((async () => new Response('')) as unknown as typeof fetch);
    const proto = win.XMLHttpRequest.prototype as unknown as { open: (...a: unknown[]) => void; send: (...a: unknown[]) => void };
    const seenBySdk: string[] = [];
    // Before: an SDK that tags the request and calls through.
    const sdkOpen = proto.open;
    proto.open = function (this: FakeXhr & { _byted_url?: string }, ...args: unknown[]) {
      this._byted_url = String(args[1]);
      seenBySdk.push(`open ${String(args[1])}`);
      return sdkOpen.apply(this, args);
    };
    const got: TapObserved[] = [];
    installTap(win, { allow: isObservedUrl, post: (m) => got.push(m), maxBytes: 1 << 20 });
    // After: another wrapper around ours.
    const ourSend = proto.send;
    proto.send = function (this: FakeXhr, ...args: unknown[]) {
      seenBySdk.push('send');
      return ourSend.apply(this, args);
    };
    FakeXhr.answer = { status: 200, body: '{"code":10008,"msg":"未登录"}' };
    const xhr = new win.XMLHttpRequest() as FakeXhr & { _byted_url?: string };
    xhr.open('GET', API);
    xhr.send();
    await flush();
    expect(seenBySdk).toEqual([`open ${API}`, 'send']);
    expect(xhr._byted_url).toBe(API);
    expect(xhr.responseText).toBe('{"code":10008,"msg":"未登录"}');
    expect(got.map((m) => m.text)).toEqual(['{"code":10008,"msg":"未登录"}']);
  });

  test('an aborted request (status 0) hands nothing over', async () => {
    const win = fakeWindow((async () => new Response('')) as unknown as typeof fetch);
    const got: TapObserved[] = [];
    installTap(win, { allow: () => true, post: (m) => got.push(m), maxBytes: 1 << 20 });
    FakeXhr.answer = { status: 0, body: '' };
    const xhr = new win.XMLHttpRequest();
    xhr.open('GET', API);
    xhr.send();
    await flush();
    expect(got).toEqual([]);
  });
});

describe('bufferedPoster', () => {
  function fakeTarget() {
    const listeners: ((e: MessageEvent) => void)[] = [];
    const posted: unknown[] = [];
    const win = {
      postMessage: (m: unknown) => posted.push(m),
      addEventListener: (_t: string, fn: (e: MessageEvent) => void) => listeners.push(fn),
    } as unknown as Window;
    const hello = (source: unknown) => listeners.forEach((fn) => fn({ source, data: { [TAP_MARK]: 1, kind: 'hello' } } as MessageEvent));
    return { win, posted, hello };
  }
  const msg = (url: string): TapObserved => ({ [TAP_MARK]: 1, kind: 'observed', via: 'fetch', url, method: 'GET', status: 200, text: 'x' });

  test('bodies that arrive before the content script are kept until it says hello', () => {
    const t = fakeTarget();
    const post = bufferedPoster(t.win);
    post(msg('a'));
    post(msg('b'));
    expect(t.posted).toEqual([]);
    t.hello({}); // another window's hello is not ours
    expect(t.posted).toEqual([]);
    t.hello(t.win);
    expect((t.posted as TapObserved[]).map((m) => m.url)).toEqual(['a', 'b']);
    post(msg('c'));
    expect((t.posted as TapObserved[]).map((m) => m.url)).toEqual(['a', 'b', 'c']);
  });

  test('the buffer is bounded: the oldest go first', () => {
    const t = fakeTarget();
    const post = bufferedPoster(t.win, { maxMessages: 2, maxBytes: 1000 });
    for (const u of ['a', 'b', 'c']) post(msg(u));
    t.hello(t.win);
    expect((t.posted as TapObserved[]).map((m) => m.url)).toEqual(['b', 'c']);
  });
});

describe('allow-list', () => {
  test.each([
    ['https://fxg.jinritemai.com/api/order/searchlist?page=0', true],
    ['https://fxg.jinritemai.com/api/order/receiveinfo?order_id=1', false],
    ['https://compass.jinritemai.com/compass_api/shop/mall/market/shop_rank?page_no=1', true],
    ['https://trade.taobao.com/trade/itemlist/asyncSold.htm?event_submit_do_query=1&_input_charset=utf8', true],
    ['https://sycm.taobao.com/ipoll/live/visitor/getRtVisitor.json?device=2&limit=20', true],
    ['https://sycm.taobao.com/domain/oneQuery.json?domainCode=tao.shop.customer.overview', true],
    ['https://sycm.taobao.com/mc/mq/search_analyze.json', false],
    ['https://evil.example/api/order/searchlist', false],
  ])('%s → %s', (url, yes) => expect(isObservedUrl(url)).toBe(yes));
});
