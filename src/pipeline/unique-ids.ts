import type { CellReader } from "./cell-reader";

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
  cells.error(
    "id",
    id,
    `is already the id of row ${firstRow}`,
    "give each row its own id (ids never change once published, so rename the newer row)",
  );
}
