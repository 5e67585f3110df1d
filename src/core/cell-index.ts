import { GridCells } from "./grid-cells.ts";
import type { CoreTable } from "./incident-table.ts";
import { mercatorX, yColumn } from "./web-mercator.ts";

/**
 * The filtered incidents binned once on a fixed grid level, with their positions grouped by cell: a view at that
 * level or a coarser one is then answered by merging the cells it meets (grid levels nest, so a coarse cell is
 * the union of 2^k × 2^k of these), and a finer view scans only the incidents of the cells it meets, instead of
 * every filtered incident at every pan and zoom.
 */
export interface CellIndex {
  /** The filter answer it indexes (by identity: a new answer needs a new index). */
  visible: Uint32Array;
  /** Its grid level: 2^level cells a side. */
  level: number;
  /** Per cell: its column and row at `level`. */
  column: Uint32Array;
  row: Uint32Array;
  /** Per cell: its sums, extent, count and first (lowest) position, in the slots of the cells' ids. */
  cells: GridCells;
  /** Positions grouped by cell (cell c holds `positions[starts[c] .. starts[c + 1])`), ascending within a cell. */
  starts: Uint32Array;
  positions: Uint32Array;
}

/**
 * Level 13 (zoom 10): cells of about 5 km, some tens of thousands over a country at most; views up to zoom 10
 * are merges of them, closer views scan the incidents of the cells they meet.
 */
export const CELL_INDEX_LEVEL = 13;

/** A bounding box of occupied cells larger than this is looked up through a Map instead of a dense array. */
const DENSE_LOOKUP_CELLS = 1 << 22;

/** Bins `visible` (ascending positions) at `level`: two passes, a counting sort of the positions by cell. */
export function buildCellIndex(table: CoreTable, visible: Uint32Array, level = CELL_INDEX_LEVEL): CellIndex {
  const n = 2 ** level;
  const ys = yColumn(table);
  const { lon: lons, lat: lats } = table;
  const columnOfK = new Uint32Array(visible.length);
  const rowOfK = new Uint32Array(visible.length);
  let minColumn = n;
  let maxColumn = -1;
  let minRow = n;
  let maxRow = -1;
  for (let k = 0; k < visible.length; k++) {
    const p = visible[k] as number;
    // The cell as aggregateView counts it (y is in [0, 1]: mercatorY clamps).
    let cx = Math.floor(mercatorX(lons[p] as number) * n);
    if (!(cx >= 0)) cx = 0;
    else if (cx >= n) cx = n - 1;
    let cy = Math.floor((ys[p] as number) * n);
    if (cy >= n) cy = n - 1;
    columnOfK[k] = cx;
    rowOfK[k] = cy;
    if (cx < minColumn) minColumn = cx;
    if (cx > maxColumn) maxColumn = cx;
    if (cy < minRow) minRow = cy;
    if (cy > maxRow) maxRow = cy;
  }
  const spanColumns = Math.max(0, maxColumn - minColumn + 1);
  const spanRows = Math.max(0, maxRow - minRow + 1);
  const dense = spanColumns * spanRows <= DENSE_LOOKUP_CELLS ? new Int32Array(spanColumns * spanRows) : null;
  const sparse = dense ? null : new Map<number, number>();

  const cells = new GridCells(1024);
  const cellOfK = new Uint32Array(visible.length);
  const columns: number[] = [];
  const rows: number[] = [];
  for (let k = 0; k < visible.length; k++) {
    const p = visible[k] as number;
    const cx = columnOfK[k] as number;
    const cy = rowOfK[k] as number;
    const key = (cy - minRow) * spanColumns + (cx - minColumn);
    let cell = dense ? (dense[key] as number) - 1 : ((sparse as Map<number, number>).get(key) ?? -1);
    const lon = lons[p] as number;
    const lat = lats[p] as number;
    if (cell < 0) {
      cell = cells.add(p, lon, lat);
      if (dense) dense[key] = cell + 1;
      else (sparse as Map<number, number>).set(key, cell);
      columns.push(cx);
      rows.push(cy);
    } else {
      cells.include(cell, lon, lat);
    }
    cellOfK[k] = cell;
  }

  const starts = new Uint32Array(cells.size + 1);
  for (let c = 0; c < cells.size; c++) starts[c + 1] = (starts[c] as number) + (cells.count[c] as number);
  const next = starts.slice(0, cells.size);
  const positions = new Uint32Array(visible.length);
  for (let k = 0; k < visible.length; k++) {
    const cell = cellOfK[k] as number;
    positions[next[cell] as number] = visible[k] as number;
    next[cell] = (next[cell] as number) + 1;
  }
  return {
    visible,
    level,
    column: Uint32Array.from(columns),
    row: Uint32Array.from(rows),
    cells,
    starts,
    positions,
  };
}
