/** Shared by the new-* scaffolds: planned file writes (new files, edits of a registry), applied or printed. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One file the scaffold writes: its path under the root and its whole new text. */
export interface PlannedFile {
  path: string;
  text: string;
  /** true: a new file; false: an edit of an existing one. */
  created: boolean;
}

/** `my-page` / `myPage` → `myPage`. */
export const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** `myPage` / `my-page` → `my-page`. */
export const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A new file (refused when it exists: a scaffold never overwrites work). */
export function newFile(root: string, rel: string, text: string): PlannedFile {
  if (existsSync(path.join(root, rel))) throw new Error(`${rel} exists already`);
  return { path: rel, text, created: true };
}

/** An existing file with `edit` applied (which throws when the file is not as expected). */
export function editedFile(root: string, rel: string, edit: (text: string) => string): PlannedFile {
  return { path: rel, text: edit(readFileSync(path.join(root, rel), 'utf8')), created: false };
}

/** `text` with `insert` placed right after the last line matching `after`. */
export function insertAfterLast(text: string, after: RegExp, insert: string, what: string): string {
  const lines = text.split('\n');
  let at = -1;
  lines.forEach((l, i) => {
    if (after.test(l)) at = i;
  });
  if (at < 0) throw new Error(`cannot find where to add ${what}`);
  lines.splice(at + 1, 0, insert);
  return lines.join('\n');
}

/** Writes the planned files (or, with dryRun, only lists them); returns one line per file. */
export function apply(root: string, files: readonly PlannedFile[], dryRun: boolean): string[] {
  for (const f of files) {
    if (dryRun) continue;
    mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    writeFileSync(path.join(root, f.path), f.text);
  }
  return files.map((f) => `${dryRun ? 'would ' : ''}${f.created ? 'create' : 'edit'} ${f.path}`);
}

/** CLI arguments: the id and `--name value` / `--flag` options. */
export function parseArgs(argv: readonly string[]): { id?: string; opts: Record<string, string | true> } {
  const opts: Record<string, string | true> = {};
  let id: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) (opts[a.slice(2)] = next), i++;
      else opts[a.slice(2)] = true;
    } else id ??= a;
  }
  return { id, opts };
}
