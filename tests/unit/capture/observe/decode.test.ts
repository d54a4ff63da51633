/** Observed bodies decoded from bytes (lib/capture/observe/decode.ts): UTF-8, else GBK (千牛 asyncSold.htm). */
import { describe, expect, test } from 'vitest';
import { decodeBody, parseJsonBody } from '@/lib/capture/observe/decode';

describe('decodeBody', () => {
  test('UTF-8 bytes read as UTF-8', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe5, 0xba, 0x97, 0x22, 0x7d]); // {"n":"店"}
    expect(decodeBody(bytes)).toBe('{"n":"店"}');
    expect(decodeBody(bytes.buffer)).toBe('{"n":"店"}');
  });

  test('GBK bytes (not valid UTF-8) read as GBK', () => {
    // {"shopName":"旗舰店"} with 旗 C6EC 舰 BDA2 店 B5EA (GB2312 code points, hand-written).
    const head = Array.from('{"shopName":"', (c) => c.charCodeAt(0));
    const tail = Array.from('"}', (c) => c.charCodeAt(0));
    const bytes = new Uint8Array([...head, 0xc6, 0xec, 0xbd, 0xa2, 0xb5, 0xea, ...tail]);
    expect(decodeBody(bytes)).toBe('{"shopName":"旗舰店"}');
  });

  test('a UTF-8 byte-order mark is dropped', () => {
    expect(decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, 0x5b, 0x5d]))).toBe('[]');
  });
});

describe('parseJsonBody', () => {
  test('JSON objects and arrays parse', () => {
    expect(parseJsonBody(' {"code":0}\n')).toEqual({ json: { code: 0 } });
    expect(parseJsonBody('[1]')).toEqual({ json: [1] });
  });
  test.each(['<!DOCTYPE html><title>登录</title>', '', 'callback({"a":1})', '{"broken":'])('not JSON: %j', (text) => expect(parseJsonBody(text)).toBeNull());
});
