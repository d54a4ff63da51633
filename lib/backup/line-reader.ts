/**
 * Reading a backup file line by line (a File / Blob read in slices, or a string) and following
 * the layout seller-lens writes: `{`, each top-level field on its own line, each record of an
 * array on its own line, `}`. A line longer than MAX_LINE_CHARS is refused as soon as it is
 * that long, so a 2 GB one-line file never fills the memory.
 */
import { MAX_LINE_CHARS, RESTORE_READ_BYTES, isBackupArray, type BackupArrayName } from './format';

/** A backup file: a File / Blob (read in slices) or its text. */
export type BackupSource = Blob | string;

/** Bytes decoded into one string (≤ 64 KB of UTF-16: below V8's large-object size). */
const DECODE_PIECE = 32 << 10;

/** The file is not laid out one record per line (`message` says where and what was found). */
export class NotLineLayout extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** A line is longer than the line budget (`line` is its 1-based number). */
export class LineTooLong extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is longer than the line budget`);
  }
}

/**
 * Reads a source's lines: `fill()` reads the next slice (the only asynchronous step), `piece()`
 * then gives the whole lines of its next ~32 KB, until the slice is used up. Lines are handed
 * out a piece at a time, not a slice at a time, so they die young: 30,000 lines held at once
 * would outlive a scavenge each and pile up in V8's old generation until a full GC.
 */
export class LineReader {
  private pos = 0;
  private carry = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private first = true;
  /** 0 reading, 1 the carried rest is still to be given, 2 ended. */
  private ending = 0;
  /** The slice being handed out, and where its next piece starts. */
  private bytes: Uint8Array | null = null;
  private chars: string | null = null;
  private at = 0;
  /** Whole lines handed out so far. */
  private lines = 0;
  readonly size: number;
  constructor(
    private readonly src: BackupSource,
    private readonly chunk = RESTORE_READ_BYTES,
    private readonly maxLine = MAX_LINE_CHARS,
  ) {
    this.size = typeof src === 'string' ? src.length : src.size;
  }
  /** Bytes (characters for a string) consumed so far. */
  get done(): number {
    return this.pos;
  }
  /** Reads the next slice; false at the end. */
  async fill(): Promise<boolean> {
    this.at = 0;
    this.bytes = null;
    this.chars = null;
    if (this.pos >= this.size) {
      if (this.ending === 2) return false;
      this.ending = 1;
      return true;
    }
    if (typeof this.src === 'string') {
      this.chars = this.src.slice(this.pos, this.pos + this.chunk);
      this.pos += this.chars.length;
      return true;
    }
    const end = Math.min(this.size, this.pos + this.chunk);
    this.bytes = new Uint8Array(await this.src.slice(this.pos, end).arrayBuffer());
    this.pos = end;
    return true;
  }
  /** The whole lines of the slice's next piece, or null when the slice is used up. */
  piece(): string[] | null {
    const lines: string[] = [];
    if (this.ending === 1) {
      this.ending = 2;
      const rest = this.carry + (typeof this.src === 'string' ? '' : this.decoder.decode());
      this.carry = '';
      if (rest !== '') lines.push(rest);
      return lines;
    }
    if (this.chars !== null) {
      if (this.at >= this.chars.length) return null;
      this.split(this.chars.slice(this.at, this.at + DECODE_PIECE), lines);
      this.at += DECODE_PIECE;
      return lines;
    }
    const b = this.bytes;
    if (b === null || this.at >= b.length) return null;
    // Decoded in small pieces: each string stays in V8's young generation (a multi-MB string
    // goes to large-object space, freed only by a full GC: gigabytes of them pile up).
    this.split(this.decoder.decode(b.subarray(this.at, Math.min(b.length, this.at + DECODE_PIECE)), { stream: true }), lines);
    this.at += DECODE_PIECE;
    return lines;
  }

  /** Appends the whole lines of `text` (after the carried partial line) to `lines`. */
  private split(text: string, lines: string[]): void {
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.lines++;
      if (start === 0 && this.carry.length + nl > this.maxLine) throw new LineTooLong(this.lines);
      lines.push(start === 0 && this.carry !== '' ? this.carry + text.slice(0, nl) : text.slice(start, nl));
      if (start === 0) this.carry = '';
      start = nl + 1;
    }
    this.carry = start === 0 ? this.carry + text : text.slice(start);
    // The line budget: an endless line is refused before it fills the memory.
    if (this.carry.length > this.maxLine) throw new LineTooLong(this.lines + 1);
  }
}

// ---- the line layout: `{`, top-level fields one per line, arrays one record per line, `}` ----

export interface LayoutEvents {
  /** A top-level field whose value is on its line. */
  field(key: string, value: unknown): void;
  /** The line of record `index` of array `name` (its text without indentation or comma). */
  record(name: BackupArrayName, index: number, text: string): void;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
const ARRAY_START = /^("(?:[^"\\]|\\.)*")\s*:\s*\[$/;

/** Follows the layout line by line; throws NotLineLayout at the first line that does not fit. */
export class LineLayout {
  private state: 'start' | 'top' | 'array' | 'end' = 'start';
  /** Whether the next line is inside an array (a record, or its closing `]`). */
  get inArray(): boolean {
    return this.state === 'array';
  }
  /** Whether another element may follow (after `{`, `[` or a line ending in a comma). */
  private open = true;
  private array: BackupArrayName | null = null;
  private index = 0;
  /** Lines fed so far (the 1-based number of the current one). */
  line = 0;
  private readonly arrays = new Set<string>();
  private shopSeen = false;
  constructor(private readonly ev: LayoutEvents) {}

  private fail(what: string): never {
    throw new NotLineLayout(this.line, `line ${this.line}: ${what}`);
  }

  /** A record line inside an array, known only by whether it ends in a comma (its text unread: the preview's count). */
  feedRecord(comma: boolean): void {
    this.line++;
    if (!this.open) this.fail('a record without a comma before it');
    this.open = comma;
    this.ev.record(this.array!, this.index++, '');
  }

  feed(raw: string): void {
    this.line++;
    let a = 0, b = raw.length;
    while (a < b && isSpace(raw.charCodeAt(a))) a++;
    while (b > a && isSpace(raw.charCodeAt(b - 1))) b--;
    if (a === b) return;
    const comma = raw.charCodeAt(b - 1) === 44;
    const body = comma ? raw.slice(a, b - 1) : raw.slice(a, b);
    if (this.state === 'array') {
      if (body === ']') {
        if (this.open && this.index > 0) this.fail('a comma before "]"');
        this.state = 'top';
        this.open = comma;
        this.array = null;
        return;
      }
      if (!this.open) this.fail('a record without a comma before it');
      this.open = comma;
      this.ev.record(this.array!, this.index++, body);
      return;
    }
    if (this.state === 'start') {
      if (body !== '{' || comma) this.fail('the file does not start with "{" on a line of its own');
      this.state = 'top';
      return;
    }
    if (this.state === 'end') this.fail('text after the closing "}"');
    // top level
    if (body === '}') {
      if (comma) this.fail('a comma after the closing "}"');
      if (this.open && this.line > 2) this.fail('a comma before "}"');
      this.state = 'end';
      return;
    }
    if (!this.open) this.fail('a field without a comma before it');
    this.open = comma;
    const m = ARRAY_START.exec(body);
    if (m) {
      const key = JSON.parse(m[1]!) as string;
      if (!isBackupArray(key)) this.fail(`"${key}" is not an array of a backup`);
      if (!this.shopSeen) this.fail(`"${key}" comes before "shop"`);
      if (this.arrays.has(key)) this.fail(`"${key}" appears twice`);
      if (comma) this.fail(`"${key}": [ followed by a comma`);
      this.arrays.add(key);
      this.state = 'array';
      this.open = true;
      this.array = key;
      this.index = 0;
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(`{${body}}`);
    } catch {
      this.fail('not a "field": value line');
    }
    for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
      if (isBackupArray(key)) {
        if (!this.shopSeen) this.fail(`"${key}" comes before "shop"`);
        if (this.arrays.has(key)) this.fail(`"${key}" appears twice`);
        this.arrays.add(key);
        // `"captures": []` (or a short array on one line): each element as a record line.
        if (Array.isArray(value)) value.forEach((v, i) => this.ev.record(key, i, JSON.stringify(v)));
        else this.ev.field(key, value);
        continue;
      }
      if (key === 'shop') this.shopSeen = true;
      this.ev.field(key, value);
    }
  }

  end(): void {
    if (this.state !== 'end') this.fail('the file ends before its closing "}"');
  }
}
