import type { CellReader } from "./cell-reader.ts";

/** Remembers the row of each id seen in one sheet and reports repeats. */
export class UniqueIds {
  private readonly rows = new Map<string, number>();

  /** Returns the id when it is new; reports a duplicate (naming the first row) and returns null otherwise. */
  take(cells: CellReader, id: string | null): string | null {
    if (id === null) return null;
    const first = this.rows.get(id);
    if (first !== undefined) {
      reportDuplicate(cells, id, first);
      return null;
    }
    this.rows.set(id, cells.row.row);
    return id;
  }

  has(id: string): boolean {
    return this.rows.has(id);
  }
}

/** The message for an id that an earlier row of the same sheet already has. */
export function reportDuplicate(cells: CellReader, id: string, firstRow: number): void {
  cells.error("id", id, duplicateMessage(firstRow), DUPLICATE_FIX);
}

/** What reportDuplicate says (a sheet read in pieces says it once the first row is known). */
export const duplicateMessage = (firstRow: number) => `is already the id of row ${firstRow}`;
export const DUPLICATE_FIX =
  "give each row its own id (ids never change once published, so rename the newer row)";
