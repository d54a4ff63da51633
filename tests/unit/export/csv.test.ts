// SPEC §7 (CSV: BOM, header row, formula-injection guard, yuan with two decimals).
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { customerAudienceCsv, customerPurchaseStats, fenToYuan, toCsv, type CsvColumn } from '@/lib/export/csv';
import { Order } from '@/lib/model';

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
type Row = { a: string | number | undefined; b?: string };
const cols: CsvColumn<Row>[] = [
  { header: '名称', value: (r) => r.a },
  { header: 'b', value: (r) => r.b },
];

describe('fenToYuan', () => {
  it('formats integer fen as yuan with two decimals', () => {
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(1230)).toBe('12.30');
    expect(fenToYuan(1234567)).toBe('12345.67');
    expect(fenToYuan(-5)).toBe('-0.05');
    expect(fenToYuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });
  it('refuses fractional fen', () => {
    expect(() => fenToYuan(12.5)).toThrow(/integer fen/);
  });
  it('is exact for every safe integer (property: digits are the fen digits)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (fen) => {
        expect(fenToYuan(fen).replace('.', '').replace(/^0+(?=\d)/, '')).toBe(String(fen).padStart(3, '0').replace(/^0+(?=\d)/, ''));
      }),
    );
  });
});

describe('toCsv bytes', () => {
  it('starts with the UTF-8 BOM, has a header row and CRLF line ends', () => {
    const bytes = toCsv(cols, [{ a: '围巾', b: 'x' }]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(bytes.slice(3))).toBe('名称,b\r\n围巾,x\r\n');
    // 围 in UTF-8 right after "\r\n"
    const text = new TextEncoder().encode('名称,b\r\n');
    expect([...bytes.slice(3 + text.length, 3 + text.length + 3)]).toEqual([0xe5, 0x9b, 0xb4]);
  });

  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    const bytes = toCsv(cols, [{ a: 'a,b', b: 'say "hi"' }, { a: 'line1\nline2', b: '' }]);
    expect(decode(bytes.slice(3))).toBe('名称,b\r\n"a,b","say ""hi"""\r\n"line1\nline2",\r\n');
  });

  it('writes numbers as numbers and undefined as empty', () => {
    // A number stays a number; the text '0' is a digit string, kept as text by a ="…" formula.
    expect(decode(toCsv(cols, [{ a: 42 }, { a: undefined, b: '0' }]).slice(3))).toBe('名称,b\r\n42,\r\n,"=""0"""\r\n');
  });

  it('guards formula injection: = + - @ tab and CR get a leading quote mark', () => {
    const rows = ['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx', 'a=b'].map((a) => ({ a }));
    const text = decode(toCsv(cols, rows).slice(3));
    expect(text).toBe(
      "名称,b\r\n'=1+1,\r\n'+86 138,\r\n'-2,\r\n'@SUM(A1),\r\n'\tx,\r\n\"'\rx\",\r\na=b,\r\n",
    );
    // The guard also covers headers and numbers a column returns.
    expect(decode(toCsv([{ header: '=cmd', value: () => -3 }], [{}]).slice(3))).toBe("'=cmd\r\n'-3\r\n");
  });

  it('reads back to the same cells (property), with the guard as the only change', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (cells) => {
        const bytes = toCsv([{ header: 'h', value: (r: string) => r }], cells);
        const parsed = Papa.parse<string[]>(decode(bytes.slice(3)), { newline: '\r\n' }).data;
        const back = parsed.slice(1, 1 + cells.length).map((r) => r[0] ?? '');
        expect(back).toEqual(cells.map((c) => (/^[0-9]+$/.test(c) ? `="${c}"` : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
    );
  });
});

describe('digit-string ids', () => {
  it('are written as ="…" (quoted per RFC 4180) so spreadsheets keep every digit', () => {
    const rows = ['6919487795067412060', '0012345', '13800138000', '1', 'b1', '138****1234', '12.30', '１２３'].map((a) => ({ a }));
    expect(decode(toCsv(cols, rows).slice(3))).toBe(
      '名称,b\r\n"=""6919487795067412060""",\r\n"=""0012345""",\r\n"=""13800138000""",\r\n"=""1""",\r\nb1,\r\n138****1234,\r\n12.30,\r\n１２３,\r\n',
    );
  });
  it('a number returned as a number stays a plain number; a digit text longer than 255 stays bare', () => {
    const long = '9'.repeat(256);
    expect(decode(toCsv(cols, [{ a: 7 }, { a: long }]).slice(3))).toBe(`名称,b\r\n7,\r\n${long},\r\n`);
  });
});

describe('customerAudienceCsv', () => {
  const orders = [
    { orderId: '1', customerKey: 'k1', placedAt: '2026-11-01 10:00', paidAt: '2026-11-01 10:05', amountFen: 5, status: 'completed' },
    { orderId: '2', customerKey: 'k1', placedAt: '2026-11-20T05:00:00Z', amountFen: 1234567, status: 'shipped' },
    { orderId: '3', customerKey: 'k1', placedAt: '2026-11-21 10:00', amountFen: 999, status: 'refunded' },
    { orderId: '4', customerKey: 'douyin:1:nick:小🐟', placedAt: '2026-11-21 10:00', amountFen: 100, status: 'unpaid' },
  ].map((o) => Order.parse({ shopId: '1', quantity: 1, channel: 'live', traffic: 'paid', ...o }));

  it('counts paid orders only, at paidAt (placedAt when unknown), within a window', () => {
    const all = customerPurchaseStats(orders);
    expect(all.get('k1')).toEqual({
      paidOrders: 2,
      gmvFen: 1234572,
      firstPaidAt: '2026-11-01T10:05:00+08:00',
      lastPaidAt: '2026-11-20T13:00:00+08:00',
    });
    expect(all.has('douyin:1:nick:小🐟')).toBe(false);
    expect(customerPurchaseStats(orders, { start: '2026-11-02', end: '2026-11-30' }).get('k1')?.gmvFen).toBe(1234567);
  });

  it('writes Chinese columns a merchant can use, money in yuan, Excel-readable times', () => {
    const stats = customerPurchaseStats(orders);
    const bytes = customerAudienceCsv(
      [
        { customerKey: 'k1', shopId: '1', nickname: '=张三', buyerId: 'b1', phone: '138****1234', gender: 'f', province: '四川省', city: '成都市', isFan: true, memberLevel: 'VIP会员', tags: ['老客', '直播'] },
        { customerKey: 'douyin:1:nick:小🐟' },
      ],
      stats,
      { segmentOf: (k) => (k === 'k1' ? '复购' : '首单') },
    );
    const lines = decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe(
      '客户,客户分层,买家ID,手机号,性别,省份,城市,粉丝,会员等级,成交订单数,成交金额(元),客单价(元),首次成交时间,最近成交时间,标签,客户标识',
    );
    expect(lines[1]).toBe(
      "'=张三,复购,b1,138****1234,女,四川省,成都市,是,VIP会员,2,12345.72,6172.86,2026-11-01 10:05:00,2026-11-20 13:00:00,老客、直播,k1",
    );
    // A key without a customer record still exports, its nickname read from the key.
    expect(lines[2]).toBe('小🐟,首单,,,,,,,,0,0.00,,,,,douyin:1:nick:小🐟');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });
});
