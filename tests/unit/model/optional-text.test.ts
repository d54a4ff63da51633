/**
 * SPEC §2 "Empty values": every optional text field of every record schema reads "", whitespace,
 * `-` and `--` as absent, and keeps real text. The fields are found from the schemas' shapes, so a
 * field added later is covered without touching this test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as schemas from '@/lib/model/schemas';
import { isAbsentText } from '@/lib/model';
import { isEmptyMark, textOrUndefined } from '@/lib/capture/normalize';

type Schema = z.ZodType;
type Def = { type: string; in?: Schema; out?: Schema; innerType?: Schema; element?: Schema; entries?: Record<string, string> };
const defOf = (s: Schema) => (s as unknown as { _zod: { def: Def } })._zod.def;
/** The object schema behind `s` (itself, or the input side of a transform pipe), if any. */
function shapeOf(s: Schema): Record<string, Schema> | undefined {
  const shape = (s as unknown as { shape?: Record<string, Schema> }).shape;
  if (shape) return shape;
  const d = defOf(s);
  return d.type === 'pipe' && d.in ? shapeOf(d.in) : undefined;
}

/** A valid, present text for a field: canonical instant, an enum option or plain text. */
function presentSample(field: Schema): string | undefined {
  let d = defOf(field);
  // Look through preprocess pipes and optionals for an enum's options.
  for (let i = 0; i < 4; i++) {
    if (d.type === 'pipe' && d.out) d = defOf(d.out);
    else if (d.type === 'optional' && d.innerType) d = defOf(d.innerType);
  }
  const candidates = [...(d.type === 'enum' && d.entries ? Object.values(d.entries) : []), '店铺A', '2026-11-20T13:45:12+08:00', '2026-11-20'];
  return candidates.find((c) => field.safeParse(c).success);
}

/** Valid records of every exported record schema; a new schema must get one here. */
const VALID: Record<string, Record<string, unknown>> = {
  Shop: { shopId: 's1', platform: 'douyin', name: '店' },
  Customer: { customerKey: 'douyin:s1:nick:小明', shopId: 's1', nickname: '小明', tags: [] },
  OrderItem: { productName: '猫砂', quantity: 1 },
  Order: {
    orderId: 'o1', shopId: 's1', customerKey: 'douyin:s1:nick:小明', placedAt: '2026-11-20T13:45:12+08:00', amountFen: 100, quantity: 1,
    items: [{ productName: '猫砂', quantity: 1 }], channel: 'live', traffic: 'paid', status: 'paid',
  },
  Contact: { shopId: 's1', customerKey: 'douyin:s1:nick:小明', at: '2026-11-20T13:45:12+08:00', kind: 'visit' },
  Rejected: { row: 0, reason: 'x' },
  CrossCheck: { observed: 0, dom: 0, matched: 0, disagreementCount: 0, disagreements: [] },
  Capture: { captureId: 'c', shopId: 's1', url: 'u', adapter: 'a', capturedAt: '2026-11-20T13:45:12+08:00', headers: [], rawRows: [], rowCount: 0, rejected: [] },
  MetricValue: { value: 1 },
  PlatformSnapshot: { shopId: 's1', source: 'a', seenOn: '2026-11-20', metrics: {} },
  Audience: { audienceId: 'a', shopId: 's1', name: 'n', expression: 'x', createdAt: '2026-11-20T13:45:12+08:00' },
  ExportRecord: { exportId: 'e', shopId: 's1', name: 'n', format: 'csv', exportedAt: '2026-11-20T13:45:12+08:00', members: [] },
};

interface Field {
  label: string;
  schema: Schema;
  /** Sets the field on a copy of the schema's valid record. */
  set: (v: unknown) => Record<string, unknown>;
  /** Reads the field back from a parsed record (`hasKey` false when the key is gone). */
  get: (out: Record<string, unknown>) => { hasKey: boolean; value: unknown };
  sample: string;
}

const recordSchemas = Object.entries(schemas).filter(([, s]) => typeof s === 'object' && s !== null && '_zod' in s && shapeOf(s as Schema));

function optionalTextFields(): Field[] {
  const fields: Field[] = [];
  for (const [name, s] of recordSchemas) {
    const schema = s as Schema;
    const valid = VALID[name];
    if (!valid) throw new Error(`no valid ${name} record in this test: add one to VALID`);
    for (const [key, field] of Object.entries(shapeOf(schema)!)) {
      const sample = presentSample(field);
      if (field.safeParse(undefined).success && sample !== undefined) {
        fields.push({
          label: `${name}.${key}`, schema, sample,
          set: (v) => ({ ...structuredClone(valid), [key]: v }),
          get: (out) => ({ hasKey: key in out, value: out[key] }),
        });
      }
      // One level into arrays of objects (an order's items).
      const d = defOf(field);
      const arr = d.type === 'optional' && d.innerType ? defOf(d.innerType) : d;
      const elementShape = arr.type === 'array' && arr.element ? shapeOf(arr.element) : undefined;
      if (elementShape && Array.isArray(valid[key]) && (valid[key] as unknown[]).length > 0) {
        for (const [sub, subField] of Object.entries(elementShape)) {
          const subSample = presentSample(subField);
          if (!subField.safeParse(undefined).success || subSample === undefined) continue;
          fields.push({
            label: `${name}.${key}[].${sub}`, schema, sample: subSample,
            set: (v) => {
              const r = structuredClone(valid);
              (r[key] as Record<string, unknown>[])[0]![sub] = v;
              return r;
            },
            get: (out) => {
              const item = (out[key] as Record<string, unknown>[])[0]!;
              return { hasKey: sub in item, value: item[sub] };
            },
          });
        }
      }
    }
  }
  return fields;
}

const FIELDS = optionalTextFields();
/** Blank texts of SPEC §2: empty, whitespace of any kind, the console's dash. */
const blank = fc.oneof(
  fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '-', '--', ' - ', '\t--\t'),
  fc.tuple(fc.stringMatching(/^[ \t\n\u00a0\u3000]{0,4}$/), fc.constantFrom('', '-', '--'), fc.stringMatching(/^[ \t\n\u00a0\u3000]{0,4}$/)).map((p) => p.join('')),
);
/** Real text: at least one character that is neither whitespace nor a dash, no outer whitespace. */
const real = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).filter((t) => t.trim() === t && /[^\s-]/.test(t));

describe('optional text fields (SPEC §2 empty values)', () => {
  it('finds the optional text fields of §2 in the schemas', () => {
    const labels = FIELDS.map((f) => f.label);
    // Hand-listed from SPEC §2 — the enumeration must at least find these.
    for (const l of [
      'Customer.buyerId', 'Customer.phone', 'Customer.province', 'Customer.city', 'Customer.memberLevel', 'Customer.gender',
      'Order.paidAt', 'Order.productId', 'Order.productName', 'Order.recipientName', 'Order.recipientPhone', 'Order.province',
      'Order.city', 'Order.promisedShipAt', 'Order.shippedAt', 'Order.items[].productId', 'Order.items[].spec',
      'OrderItem.productId', 'OrderItem.spec', 'Contact.channel', 'Contact.source', 'Contact.page', 'Contact.province', 'Contact.city',
    ]) {
      expect(labels).toContain(l);
    }
  });

  it.each(FIELDS.map((f) => [f.label, f] as const))('%s: blank, whitespace, "-" and "--" read as absent', (_label, f) => {
    fc.assert(
      fc.property(blank, (text) => {
        const r = f.schema.safeParse(f.set(text));
        expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
        expect(f.get(r.data as Record<string, unknown>).hasKey).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it.each(FIELDS.map((f) => [f.label, f] as const))('%s: real text is kept', (_label, f) => {
    const r = f.schema.safeParse(f.set(f.sample));
    expect(r.success).toBe(true);
    expect(f.get(r.data as Record<string, unknown>)).toEqual({ hasKey: true, value: f.sample });
    if (f.sample === '店铺A') {
      fc.assert(
        fc.property(real, (text) => {
          const out = f.schema.safeParse(f.set(text));
          expect(out.success).toBe(true);
          expect(f.get(out.data as Record<string, unknown>)).toEqual({ hasKey: true, value: text });
        }),
        { numRuns: 40 },
      );
    }
  });

  it('two hand-made backup customers with "phone": "" and "city": "" are read, not refused', () => {
    const c = schemas.Customer.parse({ customerKey: 'douyin:s1:nick:a', shopId: 's1', nickname: 'a', phone: '', city: ' ', province: '-', tags: [] });
    expect(c).toEqual({ customerKey: 'douyin:s1:nick:a', shopId: 's1', nickname: 'a', tags: [] });
    expect(Object.keys(c)).toEqual(['customerKey', 'shopId', 'nickname', 'tags']);
  });
});

describe('isAbsentText agrees with capture normalisation', () => {
  it('absent for the model ⇒ an empty mark for capture', () => {
    fc.assert(
      fc.property(blank, (text) => {
        expect(isAbsentText(text)).toBe(true);
        expect(isEmptyMark(text)).toBe(true);
        expect(textOrUndefined(text)).toBeUndefined();
      }),
    );
  });

  it('real text is present for both', () => {
    fc.assert(
      fc.property(real, (text) => {
        expect(isAbsentText(text)).toBe(false);
      }),
    );
    for (const t of ['a', '0', '-1', '- -', '---x', '店', '—x', '\u200bx']) expect(isAbsentText(t)).toBe(false);
    for (const t of ['\u200b', '\ufeff-', ' -- ']) expect(isAbsentText(t)).toBe(true);
    expect(isAbsentText(undefined)).toBe(false);
    expect(isAbsentText(3)).toBe(false);
  });
});
