/**
 * The importer's files: a dataset export and the sheets read a block at a time, the merged sheets written to a
 * staging folder inside the data folder (checked there, then moved over the sheets), and the rows being added
 * spooled to files in that folder. Nothing is held whole, so an export of a million events imports in bounded
 * memory.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, join } from "node:path";
import type { SheetName } from "../../core/sheet-columns.ts";
import type { SheetStore, SheetWriter, Spool } from "../import/index.ts";
import { SHEET_FILES } from "../sheet/sheet-columns.ts";
import { type EncodingProblem, SheetEncodingError } from "../sheet/sheet-encoding.ts";
import { readTextParts } from "./stream-sheets.ts";

const BLOCK_BYTES = 1 << 20;

/** A file that is not UTF-8, named: the import reads the export and five sheets, and says which one it is. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: EncodingProblem,
  ) {
    super(`${file}: ${problem.message}`);
  }
}

/**
 * A file's text a part at a time, as the pipeline reads sheets (`readTextParts`: a file that is not UTF-8 is an
 * error naming its row, never text with U+FFFD in place of its letters).
 */
export function* fileText(path: string): Generator<string> {
  try {
    yield* readTextParts(path);
  } catch (e) {
    if (e instanceof SheetEncodingError) throw new ImportFileError(basename(path), e.problem);
    throw e;
  }
}

/** Writes text to `fd` in blocks of a megabyte, encoded into one reused buffer (no buffer per piece of text). */
class BlockWriter {
  private readonly block = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;

  constructor(private readonly fd: number) {}

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > this.block.length) {
      this.flush();
      if (text.length * 3 > this.block.length) {
        writeSync(this.fd, text);
        return;
      }
    }
    this.used += this.block.write(text, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.block, 0, this.used);
    this.used = 0;
  }
}

function fileSpool(path: string): Spool {
  const fd = openSync(path, "w");
  const writer = new BlockWriter(fd);
  let closed = false;
  return {
    append: (text) => writer.write(text),
    parts: () => {
      if (!closed) {
        writer.flush();
        closeSync(fd);
        closed = true;
      }
      return fileText(path);
    },
  };
}

/** The sheets of `dataDir`, merged into a staging folder inside it (made when first needed). */
export class StagedSheets implements SheetStore {
  private folder: string | null = null;
  private readonly written = new Set<SheetName>();

  constructor(private readonly dataDir: string) {}

  /** The staging folder: hidden in the data folder, so moving a sheet from it to its place is a rename. */
  get staging(): string {
    this.folder ??= mkdtempSync(join(this.dataDir, ".import-"));
    return this.folder;
  }

  read(file: SheetName): Iterable<string> | null {
    const path = join(this.dataDir, file);
    return existsSync(path) ? fileText(path) : null;
  }

  spool(file: SheetName): Spool {
    return fileSpool(join(this.staging, `${file}.added`));
  }

  create(file: SheetName): SheetWriter {
    const path = join(this.staging, file);
    const fd = openSync(path, "w");
    const writer = new BlockWriter(fd);
    return {
      write: (text) => writer.write(text),
      close: () => {
        writer.flush();
        closeSync(fd);
        this.written.add(file);
      },
      discard: () => {
        closeSync(fd);
        rmSync(path, { force: true });
      },
    };
  }

  /** Makes the staging folder a whole sheets folder: the sheets the import did not write, linked from the data folder. */
  completeStaging(): void {
    for (const file of SHEET_FILES) {
      const from = join(this.dataDir, file);
      if (this.written.has(file) || !existsSync(from)) continue;
      try {
        linkSync(from, join(this.staging, file));
      } catch {
        copyFileSync(from, join(this.staging, file));
      }
    }
  }

  /** Moves the written sheets over the data folder's, then removes the staging folder. */
  commit(): SheetName[] {
    for (const file of this.written) renameSync(join(this.staging, file), join(this.dataDir, file));
    this.discard();
    return [...this.written];
  }

  discard(): void {
    if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }
}

/** A store for a dry run: the sheets are read, nothing is spooled or written. */
export function dryRunSheets(dataDir: string): SheetStore {
  const staged = new StagedSheets(dataDir);
  return {
    read: (file) => staged.read(file),
    spool: () => ({ append: () => {}, parts: () => [] }),
    create: () => ({ write: () => {}, close: () => {}, discard: () => {} }),
  };
}
