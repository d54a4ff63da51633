/**
 * The ONE validation of a backup's content, used by the whole-file path (parseBackup /
 * validateBackup) and by the streaming restore alike: each top-level field and each record goes
 * through `BackupChecker`, which gives the same refusals, in the same order, for both.
 */
import type { z } from 'zod';
import { Instant, Shop, type Audience, type Capture, type Customer, type ExportRecord, type Order, type PlatformSnapshot } from '../model';
import { fastContact, fastCustomer, fastOrder } from '../db/fast-records';
import { recordIssues, type FieldIssue } from '../db/validate';
import { withoutUndefined } from '../db/merge';
import { BACKUP_ARRAYS, BACKUP_FORMAT, BACKUP_SCHEMAS, BACKUP_VERSION, MAX_RECORDS, isBackupArray, type BackupArrayName } from './format';
import { invalidRecords, refusal, type Problem, type Refusal } from './refusals';

/** Problems kept per array (more are counted). */
const MAX_PROBLEMS = 20;

/** Fast readers of canonical records; anything unusual falls through to the schema (which words the reason). */
const FAST: Partial<Record<BackupArrayName, (v: unknown) => unknown>> = { customers: fastCustomer, orders: fastOrder, contacts: fastContact };

/**
 * One record of array `name`: the fast reader's result, else the schema's (keys holding undefined
 * dropped), else the problems found, named `where` (`orders[12]`). SPEC §2 empty optional texts
 * read as absent on both paths.
 */
function validateRecord(name: BackupArrayName, value: unknown, where: string): { ok: true; data: unknown } | { ok: false; problems: FieldIssue[] } {
  const quick = FAST[name]?.(value);
  if (quick !== undefined) return { ok: true, data: quick };
  const r = (BACKUP_SCHEMAS[name] as z.ZodType).safeParse(value);
  if (!r.success) return { ok: false, problems: recordIssues(where, r.error.issues, value) };
  return { ok: true, data: withoutUndefined(r.data as object) };
}

/** The natural key of a record of each keyed array, and its field's name (duplicates would overwrite each other). */
const KEYS: Partial<Record<BackupArrayName, [string, (r: unknown) => string]>> = {
  customers: ['customerKey', (r) => (r as Customer).customerKey],
  orders: ['orderId', (r) => (r as Order).orderId],
  captures: ['captureId', (r) => (r as Capture).captureId],
  platformSnapshots: ['seenOn', (r) => `${(r as PlatformSnapshot).source}|${(r as PlatformSnapshot).seenOn}`],
  audiences: ['audienceId', (r) => (r as Audience).audienceId],
  exports: ['exportId', (r) => (r as ExportRecord).exportId],
};

/** Thrown to stop reading a file at once (another format or version, another shop, a budget). */
export class StopReading extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.code);
  }
}

/** Options of a check. */
export interface CheckOptions {
  /** Refuse a file of another shop than this one (at its shop line). */
  expectShopId?: string;
  /** Most records read (default MAX_RECORDS). */
  maxRecords?: number;
  /** Called once with the file's shop when it is valid. */
  onShop?: (shop: Shop) => void;
}

/**
 * Checks a backup's top-level fields and records as they come (in file order), keeping only what
 * a refusal needs: the problems (first 20 per array), the first index of each natural key.
 */
export class BackupChecker {
  private readonly fields = new Map<string, unknown>();
  private shopProblems: Problem[] = [];
  private readonly groups = {} as Record<BackupArrayName, Problem[][]>;
  private readonly extra = {} as Record<BackupArrayName, number>;
  private readonly dups = {} as Record<BackupArrayName, Problem[]>;
  private readonly dupExtra = {} as Record<BackupArrayName, number>;
  private readonly firstIndex = {} as Record<BackupArrayName, Map<string, number>>;
  private records = 0;
  /** The file's shop once its line was valid. */
  shop: Shop | null = null;
  /** True from the first problem on: nothing more is written, validation goes on for the reasons. */
  refused = false;

  constructor(private readonly opts: CheckOptions = {}) {
    for (const n of BACKUP_ARRAYS) {
      this.groups[n] = [];
      this.extra[n] = 0;
      this.dups[n] = [];
      this.dupExtra[n] = 0;
      this.firstIndex[n] = new Map();
    }
  }

  /** A top-level field (`format`, `version`, `exportedAt`, `shop`, or an array that is not one). Throws StopReading. */
  field(key: string, value: unknown): void {
    this.fields.set(key, value);
    if (key === 'format' && value !== BACKUP_FORMAT) throw new StopReading(this.formatRefusal()!);
    if (key === 'version' && this.fields.get('format') === BACKUP_FORMAT && value !== BACKUP_VERSION) throw new StopReading(this.formatRefusal()!);
    if (key === 'shop') {
      const r = Shop.safeParse(value);
      if (r.success) {
        this.shop = withoutUndefined(r.data);
        // Known before any record: a file of another shop is refused without reading on.
        const want = this.opts.expectShopId;
        if (want !== undefined && want !== this.shop.shopId) {
          throw new StopReading(refusal('backup.otherShop', { fileShop: this.shop.shopId, selectedShop: want }));
        }
        this.opts.onShop?.(this.shop);
      } else {
        this.shopProblems = recordIssues('shop', r.error.issues, value);
        this.refused = true;
      }
    }
    if (isBackupArray(key)) {
      this.refused = true;
      this.shopProblems.push({ field: key, kind: 'notArray' });
    }
  }

  /** Record `index` of array `name`: its validated form, or undefined when it is refused. Throws StopReading past the record budget. */
  record(name: BackupArrayName, index: number, value: unknown): unknown {
    if (++this.records > (this.opts.maxRecords ?? MAX_RECORDS)) {
      throw new StopReading(refusal('backup.tooManyRecords', { max: this.opts.maxRecords ?? MAX_RECORDS }));
    }
    const where = `${name}[${index}]`;
    const r = validateRecord(name, value, where);
    if (!r.ok) {
      this.problem(name, r.problems);
      return undefined;
    }
    const data = r.data;
    const sid = (data as { shopId: string }).shopId;
    if (this.shop !== null && sid !== this.shop.shopId) {
      this.problem(name, [{ field: `${where}.shopId`, kind: 'shopDiffers', got: sid, expected: this.shop.shopId }]);
    }
    const keyed = KEYS[name];
    if (keyed) {
      const [field, keyOf] = keyed;
      const k = keyOf(data);
      const seen = this.firstIndex[name];
      const j = seen.get(k);
      if (j === undefined) seen.set(k, index);
      else {
        this.refused = true;
        const p: Problem = { field: `${where}.${field}`, kind: 'duplicate', name: field, key: JSON.stringify(k), first: `${name}[${j}]` };
        if (this.dups[name].length < MAX_PROBLEMS) this.dups[name].push(p);
        else this.dupExtra[name]++;
      }
    }
    return data;
  }

  private problem(name: BackupArrayName, group: Problem[]): void {
    this.refused = true;
    if (this.groups[name].length < MAX_PROBLEMS) this.groups[name].push(group);
    else this.extra[name]++;
  }

  /** The format / version refusal, if any. */
  private formatRefusal(): Refusal | null {
    const format = this.fields.get('format');
    if (format !== BACKUP_FORMAT) return format === undefined ? refusal('backup.noFormat') : refusal('backup.wrongFormat', { format: JSON.stringify(format) ?? String(format) });
    const version = this.fields.get('version');
    if (version !== BACKUP_VERSION) return refusal('backup.wrongVersion', { version: JSON.stringify(version) ?? 'undefined', supported: BACKUP_VERSION });
    return null;
  }

  /** The verdict once every line was read: the refusal (every reason, in one order), or the shop and exportedAt. */
  finish(): { ok: true; shop: Shop; exportedAt?: string } | { ok: false; refusal: Refusal } {
    const stop = this.formatRefusal();
    if (stop) return { ok: false, refusal: stop };
    const problems: Problem[] = [];
    let exportedAt: string | undefined;
    const at = this.fields.get('exportedAt');
    if (at !== undefined) {
      const r = Instant.safeParse(at);
      if (r.success) exportedAt = r.data;
      else problems.push(...recordIssues('exportedAt', r.error.issues, at));
    }
    if (!this.fields.has('shop') || this.fields.get('shop') === undefined) problems.push({ field: 'shop', kind: 'other', message: 'missing' });
    problems.push(...this.shopProblems);
    let hidden = 0;
    for (const n of BACKUP_ARRAYS) {
      for (const g of this.groups[n]) {
        if (problems.length < MAX_PROBLEMS) problems.push(...g);
        else hidden++;
      }
      hidden += this.extra[n];
    }
    for (const n of BACKUP_ARRAYS) {
      for (const d of this.dups[n]) {
        if (problems.length < MAX_PROBLEMS) problems.push(d);
        else hidden++;
      }
      hidden += this.dupExtra[n];
    }
    if (problems.length > 0 || this.shop === null) return { ok: false, refusal: invalidRecords(problems, hidden) };
    return { ok: true, shop: this.shop, ...(exportedAt !== undefined ? { exportedAt } : {}) };
  }
}
