/** zod schemas for every record of SPEC §2; types are inferred from them. */
import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR, isDay, normalizeInstant } from './time';
import { dropUndefinedKeys, optionalText } from './optional-text';

/** A timestamp with or without offset, normalised to `YYYY-MM-DDTHH:mm:ss+08:00`. */
export const Instant = z.string().transform((text, ctx) => {
  const iso = normalizeInstant(text);
  if (iso === null) {
    const year = Number(/^\s*(\d{4})-/.exec(text)?.[1]);
    const outOfRange = year < MIN_YEAR || year > MAX_YEAR - 1 ? ` (years ${MIN_YEAR}–${MAX_YEAR} only)` : '';
    ctx.addIssue({ code: 'custom', message: `unreadable timestamp "${text}"${outOfRange}` });
    return z.NEVER;
  }
  return iso;
});

export const Day = z.string().refine(isDay, { message: 'not a YYYY-MM-DD day' });

const nonEmpty = z.string().trim().min(1);
/** Integer fen, never negative. */
export const Fen = z.number().int('amount must be integer fen').nonnegative('amount must not be negative');

export const Platform = z.enum(['douyin', 'taobao']);
export type Platform = z.infer<typeof Platform>;

export const Shop = z.object({
  shopId: nonEmpty,
  platform: Platform,
  name: z.string(),
});
export type Shop = z.infer<typeof Shop>;

export const Customer = z.object({
  customerKey: nonEmpty,
  shopId: nonEmpty,
  nickname: z.string(),
  buyerId: optionalText(nonEmpty),
  phone: optionalText(nonEmpty),
  province: optionalText(nonEmpty),
  city: optionalText(nonEmpty),
  gender: optionalText(z.enum(['f', 'm'])),
  isFan: z.boolean().optional(),
  isMember: z.boolean().optional(),
  memberLevel: optionalText(nonEmpty),
  tags: z.array(z.string()).default([]),
}).overwrite(dropUndefinedKeys);
export type Customer = z.infer<typeof Customer>;
export type CustomerInput = z.input<typeof Customer>;

export const Channel = z.enum(['live', 'video', 'card', 'other']);
export type Channel = z.infer<typeof Channel>;
export const Traffic = z.enum(['paid', 'organic', 'unknown']);
export type Traffic = z.infer<typeof Traffic>;
export const OrderStatus = z.enum(['unpaid', 'paid', 'shipped', 'completed', 'refunded', 'closed']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderItem = z.object({
  productId: optionalText(nonEmpty),
  productName: z.string(),
  spec: optionalText(),
  unitPriceFen: Fen.optional(),
  quantity: z.number().int().positive(),
}).overwrite(dropUndefinedKeys);
export type OrderItem = z.infer<typeof OrderItem>;

const OrderBase = z.object({
  orderId: z.string().trim().min(1, 'orderId is empty'),
  shopId: nonEmpty,
  customerKey: nonEmpty,
  placedAt: Instant,
  paidAt: optionalText(Instant),
  amountFen: Fen,
  quantity: z.number().int().nonnegative(),
  productId: optionalText(nonEmpty),
  productName: optionalText(),
  items: z.array(OrderItem).optional(),
  channel: Channel,
  traffic: Traffic,
  status: OrderStatus,
  recipientName: optionalText(),
  recipientPhone: optionalText(),
  province: optionalText(nonEmpty),
  city: optionalText(nonEmpty),
  promisedShipAt: optionalText(Instant),
  shippedAt: optionalText(Instant),
}).overwrite(dropUndefinedKeys);

/** Order; a record without `items` reads as one item from the top-level product fields, or none. */
export const Order = OrderBase.transform((o) => ({
  ...o,
  items:
    o.items ??
    (o.productName !== undefined
      ? [{ ...(o.productId ? { productId: o.productId } : {}), productName: o.productName, quantity: Math.max(1, o.quantity) }]
      : []),
}));
export type Order = z.infer<typeof Order>;
export type OrderInput = z.input<typeof Order>;

export const ContactKind = z.enum(['visit', 'view', 'click', 'cart', 'order']);
export type ContactKind = z.infer<typeof ContactKind>;

export const Contact = z.object({
  shopId: nonEmpty,
  customerKey: nonEmpty,
  at: Instant,
  kind: ContactKind,
  channel: optionalText(),
  source: optionalText(),
  page: optionalText(),
  province: optionalText(nonEmpty),
  city: optionalText(nonEmpty),
}).overwrite(dropUndefinedKeys);
export type Contact = z.infer<typeof Contact>;

export const Rejected = z.object({ row: z.number().int().nonnegative(), reason: z.string() });
export type Rejected = z.infer<typeof Rejected>;

/**
 * Where a page was read both from the DOM and from its own JSON (SPEC §8): how many records each
 * gave, how many were the same record, and the main fields on which they disagreed (the first
 * few; `disagreementCount` counts all). Values as stored (fen, ISO instants, enums).
 */
export const CrossCheck = z.object({
  observed: z.number().int().nonnegative(),
  dom: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  disagreementCount: z.number().int().nonnegative(),
  disagreements: z.array(z.object({ key: z.string(), field: z.string(), dom: z.string(), observed: z.string() })),
});
export type CrossCheck = z.infer<typeof CrossCheck>;

export const Capture = z.object({
  captureId: nonEmpty,
  shopId: nonEmpty,
  url: z.string(),
  adapter: nonEmpty,
  capturedAt: Instant,
  headers: z.array(z.string()),
  rawRows: z.array(z.array(z.string())),
  rowCount: z.number().int().nonnegative(),
  rejected: z.array(Rejected),
  /** Present when the page's own JSON was observed too (SPEC §8 cross-check). */
  crossCheck: CrossCheck.optional(),
});
export type Capture = z.infer<typeof Capture>;

/**
 * A figure a console page shows (SPEC §2): its number (`value`), or — when the console shows only a
 * range such as 1万-2.5万 — its bounds `low` ≤ `high` and no `value` (never a guessed point);
 * `change` is the fraction vs the console's previous period.
 */
export const MetricValue = z
  .object({ value: z.number().optional(), change: z.number().optional(), low: z.number().optional(), high: z.number().optional() })
  .refine((m) => (m.value !== undefined ? m.low === undefined && m.high === undefined : m.low !== undefined && m.high !== undefined && m.low <= m.high), {
    message: 'a metric is a value, or a range low ≤ high without a value',
  });

export const PlatformSnapshot = z.object({
  shopId: nonEmpty,
  source: nonEmpty,
  seenOn: Day,
  window: z.object({ start: Day, end: Day }).optional(),
  metrics: z.record(z.string(), MetricValue),
});
export type PlatformSnapshot = z.infer<typeof PlatformSnapshot>;

/** A saved audience: an expression over tags (SPEC §6.2). */
export const Audience = z.object({
  audienceId: nonEmpty,
  shopId: nonEmpty,
  name: z.string(),
  expression: z.string(),
  createdAt: Instant,
  updatedAt: optionalText(Instant),
}).overwrite(dropUndefinedKeys);
export type Audience = z.infer<typeof Audience>;

/** One export of an audience with its frozen members and optional held-out control (SPEC §6.4). */
export const ExportRecord = z.object({
  exportId: nonEmpty,
  shopId: nonEmpty,
  audienceId: optionalText(),
  name: z.string(),
  format: nonEmpty,
  exportedAt: Instant,
  window: z.object({ start: Day, end: Day }).optional(),
  members: z.array(z.string()),
  control: z.array(z.string()).default([]),
  controlSeed: z.number().int().optional(),
  controlShare: z.number().min(0).max(1).optional(),
}).overwrite(dropUndefinedKeys);
export type ExportRecord = z.infer<typeof ExportRecord>;

/** Everything of one shop, as the engine reads it. */
export interface ShopData {
  shop: Shop;
  customers: Customer[];
  orders: Order[];
  contacts: Contact[];
}
