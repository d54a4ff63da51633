/**
 * The main-world network tap (SPEC §8 "observed"): wraps whatever `fetch` and
 * `XMLHttpRequest.prototype.open/send` are when it runs (抖店's anti-bot SDK patches the XHR
 * prototype, before or after us) and copies the response bodies of allow-listed URLs to the
 * content script. It never changes a request, a response, its timing or its errors: the page's
 * call goes to the original with the same `this` and arguments, the same Response/promise comes
 * back, and every line of tap code sits in a try/catch. It never issues a request of its own.
 * Pure: everything it touches comes in through `win`, so unit tests give it a fake window.
 */

/** Marker on every message between the tap and the content script (window.postMessage). */
export const TAP_MARK = '__sellerLensTap';

/** One observed response as the tap hands it over: bytes (fetch, XHR arraybuffer/blob) or text already decoded by the browser (XHR text/json). */
export interface TapObserved {
  [TAP_MARK]: 1;
  kind: 'observed';
  via: 'fetch' | 'xhr';
  url: string;
  method: string;
  status: number;
  /** The body's bytes (transferred), when the tap could read bytes. */
  bytes?: ArrayBuffer;
  /** The body as text, when the browser had already decoded it (XHR responseType '' / 'text' / 'json'). */
  text?: string;
  /** The request body when it was text (a form POST such as asyncSold.htm's). */
  requestBody?: string;
  /** Why the body was not copied (too big, unreadable); the response is still counted. */
  skipped?: string;
}

/** The content script is listening: the tap flushes what it buffered. */
export interface TapHello {
  [TAP_MARK]: 1;
  kind: 'hello';
}

export interface TapOptions {
  /** True when this absolute URL's response should be copied. */
  allow(url: string): boolean;
  /** Hands one observed response over (the ArrayBuffer, when present, may be transferred). */
  post(msg: TapObserved): void;
  /** Bodies larger than this are not copied, only counted with the reason. */
  maxBytes: number;
}

/** The window members the tap touches (a real `window` has them all). */
export interface TapWindow {
  fetch: typeof fetch;
  XMLHttpRequest: { prototype: XMLHttpRequest };
  location: { href: string };
  document?: { baseURI?: string };
}

/** Text of the oversized-body reason, as counted and shown. */
export const oversizedReason = (bytes: number, max: number) => `响应过大，未复制 (body of ${bytes} bytes > ${max})`;

/** Makes `wrapper` look like `original` to `toString`, `name` and `length` (some anti-bot scripts fingerprint patched natives). */
function disguise<F extends (...args: never[]) => unknown>(wrapper: F, original: unknown): F {
  try {
    const orig = original as { name?: string; length?: number; toString(): string };
    const text = Function.prototype.toString.call(original);
    Object.defineProperty(wrapper, 'toString', { value: () => text, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(wrapper, 'name', { value: orig.name ?? wrapper.name, configurable: true });
    Object.defineProperty(wrapper, 'length', { value: orig.length ?? wrapper.length, configurable: true });
  } catch {
    /* cosmetic only */
  }
  return wrapper;
}

/** Text of a request body when it is text (string or URLSearchParams), else undefined. */
function textBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return body.toString();
  return undefined;
}

/** Reads a cloned response's body up to `max` bytes; null when larger (the read is cancelled, the page's copy is untouched). */
async function readCapped(res: Response, max: number): Promise<{ bytes: ArrayBuffer } | { tooBig: number }> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > max) {
    void res.body?.cancel().catch(() => undefined);
    return { tooBig: declared };
  }
  if (!res.body) return { bytes: await res.arrayBuffer() };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      void reader.cancel().catch(() => undefined);
      return { tooBig: total };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return { bytes: out.buffer };
}

/** Installs the tap on `win` (fetch and XHR as they are now). Returns a function that puts the originals back (tests). */
export function installTap(win: TapWindow, opts: TapOptions): () => void {
  const base = () => win.document?.baseURI || win.location.href;
  const absolute = (url: unknown): string => {
    try {
      return new URL(String(url), base()).href;
    } catch {
      return String(url);
    }
  };
  const send = (msg: Omit<TapObserved, typeof TAP_MARK | 'kind'>) => {
    try {
      opts.post({ [TAP_MARK]: 1, kind: 'observed', ...msg });
    } catch {
      /* never let the hand-over reach the page */
    }
  };

  // --- fetch -----------------------------------------------------------------------------
  const origFetch = win.fetch;
  const wrappedFetch = disguise(function fetch(this: unknown, ...args: [RequestInfo | URL, RequestInit?]): Promise<Response> {
    // The page's call, untouched: same this, same arguments, the same promise handed back.
    const p = Reflect.apply(origFetch, this, args) as Promise<Response>;
    try {
      const [input, init] = args;
      const isRequest = typeof Request !== 'undefined' && input instanceof Request;
      const url = absolute(isRequest ? input.url : input instanceof URL ? input.href : input);
      if (opts.allow(url)) {
        const method = String(init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
        const requestBody = textBody(init?.body);
        // Registered before the page's own handlers (we hand back `p` afterwards), so the clone is
        // taken before the page reads the body.
        p.then(
          (res) => {
            try {
              const copy = res.clone();
              void readCapped(copy, opts.maxBytes).then(
                (r) =>
                  'bytes' in r
                    ? send({ via: 'fetch', url: res.url || url, method, status: res.status, bytes: r.bytes, ...(requestBody !== undefined ? { requestBody } : {}) })
                    : send({ via: 'fetch', url: res.url || url, method, status: res.status, skipped: oversizedReason(r.tooBig, opts.maxBytes) }),
                () => send({ via: 'fetch', url, method, status: res.status, skipped: '响应无法读取 (body unreadable)' }),
              );
            } catch {
              /* a body already used or locked: nothing to copy */
            }
          },
          () => undefined, // the page sees its own rejection; ours is swallowed
        );
      }
    } catch {
      /* never break the page's fetch */
    }
    return p;
  }, origFetch);
  try {
    win.fetch = wrappedFetch as typeof fetch;
  } catch {
    /* fetch not writable: XHR alone */
  }

  // --- XMLHttpRequest --------------------------------------------------------------------
  const proto = win.XMLHttpRequest.prototype;
  const origOpen = proto.open;
  const origSend = proto.send;
  const opened = new WeakMap<XMLHttpRequest, { method: string; url: string }>();

  const copyXhr = (xhr: XMLHttpRequest, req: { method: string; url: string; requestBody?: string }) => {
    const status = xhr.status;
    if (status === 0) return; // aborted or network error: no body
    const url = xhr.responseURL || req.url;
    const common = { via: 'xhr' as const, url, method: req.method, status, ...(req.requestBody !== undefined ? { requestBody: req.requestBody } : {}) };
    const type = xhr.responseType;
    if (type === '' || type === 'text') {
      const text = xhr.responseText;
      if (text.length > opts.maxBytes) return send({ ...common, skipped: oversizedReason(text.length, opts.maxBytes) });
      return send({ ...common, text });
    }
    if (type === 'json') {
      const text = JSON.stringify(xhr.response);
      if (text === undefined) return send({ ...common, skipped: '响应不是 JSON (no JSON body)' });
      if (text.length > opts.maxBytes) return send({ ...common, skipped: oversizedReason(text.length, opts.maxBytes) });
      return send({ ...common, text });
    }
    if (type === 'arraybuffer') {
      const buf = xhr.response as ArrayBuffer | null;
      if (!buf) return;
      if (buf.byteLength > opts.maxBytes) return send({ ...common, skipped: oversizedReason(buf.byteLength, opts.maxBytes) });
      // A copy: the page's own buffer must never be transferred (detached) away from it.
      return send({ ...common, bytes: buf.slice(0) });
    }
    if (type === 'blob') {
      const blob = xhr.response as Blob | null;
      if (!blob) return;
      if (blob.size > opts.maxBytes) return send({ ...common, skipped: oversizedReason(blob.size, opts.maxBytes) });
      void blob.arrayBuffer().then(
        (bytes) => send({ ...common, bytes }),
        () => send({ ...common, skipped: '响应无法读取 (body unreadable)' }),
      );
      return;
    }
    send({ ...common, skipped: `响应类型 ${type} 不读取 (responseType ${type})` });
  };

  const wrappedOpen = disguise(function open(this: XMLHttpRequest, ...args: unknown[]) {
    try {
      opened.set(this, { method: String(args[0] ?? 'GET').toUpperCase(), url: absolute(args[1]) });
    } catch {
      /* never break the page's open */
    }
    return Reflect.apply(origOpen, this, args);
  }, origOpen);

  const wrappedSend = disguise(function send(this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const req = opened.get(this);
      if (req && opts.allow(req.url)) {
        const requestBody = textBody(args[0]);
        const xhr = this;
        const entry = { ...req, ...(requestBody !== undefined ? { requestBody } : {}) };
        xhr.addEventListener('loadend', () => {
          try {
            copyXhr(xhr, entry);
          } catch {
            /* the page's response stays the page's */
          }
        });
      }
    } catch {
      /* never break the page's send */
    }
    return Reflect.apply(origSend, this, args);
  }, origSend);

  try {
    proto.open = wrappedOpen as XMLHttpRequest['open'];
    proto.send = wrappedSend as XMLHttpRequest['send'];
  } catch {
    /* prototype frozen: fetch alone */
  }

  return () => {
    try {
      if (win.fetch === wrappedFetch) win.fetch = origFetch;
      if (proto.open === wrappedOpen) proto.open = origOpen;
      if (proto.send === wrappedSend) proto.send = origSend;
    } catch {
      /* best effort */
    }
  };
}

/** The hand-over for the content script: messages wait in a bounded buffer until it says hello, then go straight through. */
export function bufferedPoster(
  win: Pick<Window, 'postMessage' | 'addEventListener'>,
  limits: { maxMessages: number; maxBytes: number } = { maxMessages: 50, maxBytes: 16 * 1024 * 1024 },
): (msg: TapObserved) => void {
  let ready = false;
  let queued: TapObserved[] = [];
  let queuedBytes = 0;
  const deliver = (msg: TapObserved) => win.postMessage(msg, '*', msg.bytes ? [msg.bytes] : []);
  win.addEventListener('message', (e: MessageEvent) => {
    try {
      const d = e.data as Partial<TapHello> | null;
      if (e.source !== (win as unknown) || !d || d[TAP_MARK] !== 1 || d.kind !== 'hello') return;
      ready = true;
      const flush = queued;
      queued = [];
      queuedBytes = 0;
      for (const m of flush) deliver(m);
    } catch {
      /* not ours */
    }
  });
  return (msg) => {
    if (ready) return deliver(msg);
    const size = (msg.bytes?.byteLength ?? 0) + (msg.text?.length ?? 0);
    // Oldest first out when the content script never comes (the buffer must not grow without bound).
    while (queued.length > 0 && (queued.length >= limits.maxMessages || queuedBytes + size > limits.maxBytes)) {
      const old = queued.shift()!;
      queuedBytes -= (old.bytes?.byteLength ?? 0) + (old.text?.length ?? 0);
    }
    queued.push(msg);
    queuedBytes += size;
  };
}
