import { SHEET_COLUMNS, type SheetName } from "../../core/sheet-columns.ts";
import { detach } from "../machinery/detach-string.ts";
import type { Row } from "./catalog.ts";
import { csvRecord, csvRecords, isBlankRecord, recordCells } from "./csv-records.ts";

/**
 * Where an import reads the sheets and writes them back. A sheet is read twice (once to learn its ids, once to
 * copy it into the merged sheet) and never held whole, and the rows the import adds go straight to the merged
 * sheet, or wait in a spool when rows before them may still change; so a million imported events need neither
 * the sheets nor the new rows in memory.
 */
export interface SheetStore {
  /** The sheet's text in parts, from its start; null when the file is missing. */
  read(file: SheetName): Iterable<string> | null;
  /** A place for the records the import adds to `file`, until the sheet is written. */
  spool(file: SheetName): Spool;
  /** Starts the merged sheet. */
  create(file: SheetName): SheetWriter;
}

/** Text put aside and given back in the same order. */
export interface Spool {
  append(text: string): void;
  parts(): Iterable<string>;
}

/** A merged sheet being written: closed when whole, or discarded when the sheet is to stay as it was. */
export interface SheetWriter {
  write(text: string): void;
  close(): void;
  discard(): void;
}

/** What a merge did to one sheet, by row id. */
export interface SheetChanges {
  added: string[];
  changed: string[];
  unchanged: string[];
  /** Rows with the id of a row the import makes, which it does not own and so left as they were. */
  kept: string[];
  /** Row number (header = 1) of the first added row; the others follow in the order of `added`. */
  firstAddedRow: number;
}

// Index values: a row the import may not change, or (≥ 0) the fingerprint of an owned row's cells.
const NOT_OWNED = -1;

/**
 * One sheet being merged with imported rows, by id. A row whose id is new is appended; an existing row is
 * replaced only when `owns(id)` (rows the importer made on an earlier run) and its cells differ; any other row
 * is never touched and comes back byte for byte. Columns the sheet lacks but the rows need are added to its
 * header (empty for the rows already there). Each row given to `offer` carries every column of its sheet, and
 * no two share an id.
 */
export class SheetMerge {
  readonly changes: SheetChanges = {
    added: [],
    changed: [],
    unchanged: [],
    kept: [],
    firstAddedRow: 2,
  };
  private readonly header: string[];
  /** The header, then the importer's columns it lacks: the columns of a spooled record. */
  private readonly spoolHeader: string[];
  private readonly missing: string[];
  private readonly filled = new Set<string>();
  private readonly index = new Map<string, number>();
  /** Owned rows whose cells change: written in place of the first row with their id. */
  private readonly replacements = new Map<string, Row>();
  /** The merged sheet, begun at once when no row before the added ones can change; else made by `finish`. */
  private readonly direct: SheetWriter | null;
  /** Where added records go: straight into `direct` when there is one, else a spool. */
  private readonly added: Spool;
  private readonly form: { bom: boolean; crlf: boolean; headerRecord: string | null };
  /** Records of the sheet to copy (header included): trailing blank lines are left out. */
  private readonly recordsToCopy: number;
  private readonly idAt: number;

  constructor(
    private readonly file: SheetName,
    private readonly store: SheetStore,
    owns: (id: string) => boolean,
  ) {
    const parts = store.read(file);
    let header: string[] | null = null;
    let headerRecord: string | null = null;
    let idAt = -1;
    // Where each of the importer's columns stands in the sheet (-1: missing), for an owned row's fingerprint.
    let importerColumnsAt: number[] = [];
    let count = 0;
    let lastFilled = -1;
    const stream = csvRecords(parts ?? []);
    for (const record of stream.records) {
      const cells = recordCells(record);
      const blank = isBlankRecord(cells);
      if (!blank) lastFilled = count;
      if (count === 0) {
        header = cells;
        headerRecord = record;
        idAt = cells.indexOf("id");
        importerColumnsAt = SHEET_COLUMNS[file].map((c) => cells.indexOf(c));
      } else if (!blank) {
        const id = (cells[idAt] ?? "").trim();
        if (id !== "" && !this.index.has(id)) {
          const ownedCells = () => importerColumnsAt.map((at) => (at < 0 ? "" : (cells[at] ?? "")));
          this.index.set(detach(id), owns(id) ? fingerprint(ownedCells()) : NOT_OWNED);
        }
      }
      count++;
    }
    const empty = lastFilled < 0;
    this.header = empty ? [...SHEET_COLUMNS[file]] : (header as string[]);
    this.recordsToCopy = empty ? 0 : lastFilled + 1;
    this.idAt = this.header.indexOf("id");
    // A missing sheet is written with a byte-order mark, so spreadsheet programs read its Arabic as UTF-8.
    this.form = {
      bom: parts === null || (!empty && stream.form.bom),
      crlf: !empty && stream.form.crlf,
      headerRecord: empty ? null : headerRecord,
    };
    this.missing = SHEET_COLUMNS[file].filter((c) => !this.header.includes(c));
    this.spoolHeader = [...this.header, ...this.missing];
    this.changes.firstAddedRow = Math.max(this.recordsToCopy, 1) + 1;
    // With no owned row to replace and no column to add, the sheet's own records can be written first.
    const direct = this.missing.length === 0 && ![...this.index.values()].some((v) => v !== NOT_OWNED);
    this.direct = direct ? store.create(file) : null;
    if (this.direct) {
      const out = this.direct;
      for (const part of this.head([])) out.write(part);
      this.added = { append: (text) => out.write(text), parts: () => [] };
    } else this.added = store.spool(file);
  }

  private get newline(): string {
    return this.form.crlf ? "\r\n" : "\n";
  }

  /** Takes one imported row: added, changed, unchanged, or kept as the maintainer wrote it. */
  offer(row: Row): void {
    const id = row.id as string;
    for (const column of this.missing) if ((row[column] ?? "") !== "") this.filled.add(column);
    const known = this.index.get(id);
    if (known === undefined) {
      this.added.append(csvRecord(this.spoolHeader.map((column) => row[column] ?? "")) + this.newline);
      this.changes.added.push(id);
    } else if (known === NOT_OWNED) {
      this.changes.kept.push(id);
    } else if (known === fingerprint(SHEET_COLUMNS[this.file].map((column) => row[column] ?? ""))) {
      this.changes.unchanged.push(id);
    } else {
      this.replacements.set(id, row);
      this.changes.changed.push(id);
    }
  }

  /** Whether writing the sheet would change its file. */
  get changed(): boolean {
    return this.changes.added.length + this.changes.changed.length > 0;
  }

  /** Ends the merge: the merged sheet is written through the store when `write`, and left out otherwise. */
  finish(write: boolean): void {
    if (this.direct) {
      if (write) this.direct.close();
      else this.direct.discard();
      return;
    }
    if (!write) return;
    const out = this.store.create(this.file);
    const grown = this.missing.filter((c) => this.filled.has(c));
    for (const part of this.head(grown)) out.write(part);
    for (const part of this.addedRecords([...this.header, ...grown])) out.write(part);
    out.close();
  }

  /** The merged sheet's header and the records it had, with `grown` columns added. */
  private *head(grown: readonly string[]): Generator<string> {
    const newline = this.newline;
    const header = [...this.header, ...grown];
    const rewrite = grown.length > 0;
    if (this.form.bom) yield "\uFEFF";
    yield (rewrite || this.form.headerRecord === null ? csvRecord(header) : this.form.headerRecord) + newline;
    if (this.recordsToCopy > 1) {
      let at = 0;
      for (const record of csvRecords(this.store.read(this.file) ?? []).records) {
        if (at >= this.recordsToCopy) break;
        if (at++ === 0) continue;
        yield this.mergedRecord(record, header, rewrite) + newline;
      }
    }
  }

  /** A record of the sheet as it goes into the merged sheet: as it was, unless it is replaced or gains columns. */
  private mergedRecord(record: string, header: readonly string[], rewrite: boolean): string {
    if (this.replacements.size === 0 && !rewrite) return record;
    const cells = recordCells(record);
    const id = (cells[this.idAt] ?? "").trim();
    const row = this.replacements.get(id);
    if (row === undefined) {
      if (!rewrite) return record;
      while (cells.length < header.length) cells.push("");
      return csvRecord(cells);
    }
    this.replacements.delete(id);
    // Columns the importer does not write (a maintainer's own) keep their cells.
    return csvRecord(header.map((column, i) => (column in row ? (row[column] ?? "") : (cells[i] ?? ""))));
  }

  /** The spooled records, without the columns no imported row filled. */
  private *addedRecords(header: readonly string[]): Generator<string> {
    const spool = this.added;
    if (header.length === this.spoolHeader.length) {
      yield* spool.parts();
      return;
    }
    const keep = header.map((column) => this.spoolHeader.indexOf(column));
    for (const record of csvRecords(spool.parts()).records) {
      if (record === "") continue;
      const cells = recordCells(record);
      yield csvRecord(keep.map((i) => cells[i] ?? "")) + this.newline;
    }
  }
}

/**
 * A 52-bit digest of a row's cells in the importer's columns: owned rows are remembered by it, not by their text,
 * so re-importing a million events does not hold them all.
 */
function fingerprint(cells: readonly string[]): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    // A separator, so "ab","c" and "a","bc" differ.
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

/** A sheet's rows as column → cell, read from its records (for the small sheets: actors and places). */
export function sheetRows(parts: Iterable<string> | null): Row[] {
  const rows: Row[] = [];
  let header: string[] | null = null;
  for (const record of csvRecords(parts ?? []).records) {
    const cells = recordCells(record);
    if (header === null) header = cells;
    else if (!isBlankRecord(cells)) {
      rows.push(Object.fromEntries((header as string[]).map((c, i) => [c, cells[i] ?? ""])));
    }
  }
  return rows;
}

/**
 * Sheets held in strings, as a store: what an import in memory reads and writes (tests, and the in-memory
 * `importDataset`). `partChars` cuts each sheet into parts of that many characters, as a file read would.
 */
export function memorySheets(
  sheets: Partial<Record<SheetName, string>>,
  partChars = Number.POSITIVE_INFINITY,
): { store: SheetStore; written: Partial<Record<SheetName, string>> } {
  const written: Partial<Record<SheetName, string>> = {};
  const store: SheetStore = {
    read: (file) => {
      const text = sheets[file];
      if (text === undefined) return null;
      if (text.length <= partChars) return [text];
      const parts: string[] = [];
      for (let i = 0; i < text.length; i += partChars) parts.push(text.slice(i, i + partChars));
      return parts;
    },
    spool: () => {
      const texts: string[] = [];
      return { append: (text) => texts.push(text), parts: () => texts };
    },
    create: (file) => {
      const texts: string[] = [];
      return {
        write: (text) => texts.push(text),
        close: () => {
          written[file] = texts.join("");
        },
        discard: () => {},
      };
    },
  };
  return { store, written };
}
