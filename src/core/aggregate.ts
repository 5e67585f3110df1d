import type { Feature, Point } from "geojson";
import type { CellIndex } from "./cell-index.ts";
import { GridCells } from "./grid-cells.ts";
import type { CoreTable } from "./incident-table.ts";
import {
  incidentPointFeature,
  type MapFeatureProperties,
  type MapFeatures,
  type MapViewRequest,
} from "./map-features.ts";
import { mercatorX, mercatorY, yColumn } from "./web-mercator.ts";

export type {
  AggregateProperties,
  IncidentPointProperties,
  MapFeatureProperties,
  MapFeatures,
  MapViewRequest,
} from "./map-features.ts";
export { mercatorY } from "./web-mercator.ts";

/**
 * What the map draws for one view of the filtered incidents (issue #13): aggregates of the incidents passing
 * the filter, counted on a Web-Mercator grid, and the incidents themselves once zoomed in far enough.
 *
 * The grid: at zoom z the world (512·2^z px wide, MapLibre's tile size) is cut into 2^(round(z) + 3) cells a
 * side, 64 px at an integer zoom and between 45 and 90 px in between, a little more than the widest aggregate
 * circle, so neighbouring circles rarely overlap. Every filtered incident falls in exactly one cell (its cell
 * index is floored, a point on a border belongs to the cell east/south of it), so the counts of all cells add up
 * to the filtered count, and the cells drawn are those meeting the (padded) view. Grid levels nest: zooming in
 * splits a cell into four, so an aggregate's incidents never jump to a neighbour's when zooming.
 *
 * Why a grid rather than a clustering index: the filter changes the set at every brush move, and a grid is one
 * pass over the filtered positions, while supercluster or kdbush must rebuild an index of the filtered set
 * (measured in the issue and in test/bench/aggregate-bench.ts).
 */

/** Tuning in one place, each with its reason. */
export const AGGREGATE_DEFAULTS = {
  levelOffset: 3, // grid level = round(zoom) + 3: cells of 64 px at an integer zoom (512 px world)
  individualFromZoom: 11, // from here on each incident is its own symbol (as clusterMaxZoom did before)
  maxFeatures: 4000, // the map gets a small GeoJSON; beyond this the biggest cells are kept
  viewPadding: 0.25, // fraction of the view added on each side, so a short pan shows no empty margin
  membersUpTo: 5000, // filtered sets up to this size name each aggregate's incidents (cheap, and exact to check)
  denseGridCells: 1 << 18, // a view with more cells than this (only far larger than a screen) uses a Map
};

export type AggregateOptions = Partial<typeof AGGREGATE_DEFAULTS>;

/** The grid level (2^level cells a side) used at `zoom`. */
export function gridLevel(zoom: number, options: AggregateOptions = {}): number {
  const offset = options.levelOffset ?? AGGREGATE_DEFAULTS.levelOffset;
  const level = Math.round(Number.isFinite(zoom) ? zoom : 0) + offset;
  return Math.min(26, Math.max(0, level));
}

/**
 * The features to draw for `request`: aggregates of the `visible` positions (ascending, those passing the
 * filter) in the grid cells meeting the padded view, a cell of one incident drawn as that incident; from
 * `individualFromZoom` on, every visible incident in the padded view, unless there are more than
 * `maxFeatures` of them (then aggregates again, on the finer grid of that zoom).
 * @example aggregateView(table, filterTable(table, codes, filters, null), { zoom: 7, bounds: [36, 32, 42, 37] })
 */
export function aggregateView(
  table: CoreTable,
  visible: Uint32Array,
  request: MapViewRequest,
  options: AggregateOptions = {},
  index: CellIndex | null = null,
): MapFeatures {
  const settings = { ...AGGREGATE_DEFAULTS, ...options };
  const view = viewWindow(request, settings);
  // An index of this very answer, for a set too large to name its aggregates' incidents (their lists are built
  // from a pass over every incident, which is cheap at that size).
  if (index && index.visible === visible && visible.length > settings.membersUpTo) {
    if (view.level <= index.level && request.zoom < settings.individualFromZoom)
      return fromIndexCells(table, index, view, settings);
    return fromPositions(table, positionsNear(index, view), visible.length, request.zoom, view, settings);
  }
  return fromPositions(table, visible, visible.length, request.zoom, view, settings);
}

/** The grid of a request's zoom and the part of it the request meets. */
interface ViewWindow {
  level: number;
  /** Cells a side. */
  n: number;
  /** The cells meeting the padded view: columns [cx0, cx0 + width) modulo n, rows [cy0, cy0 + height). */
  cx0: number;
  width: number;
  cy0: number;
  height: number;
  /** The unpadded view in world units ([0, 1] a side); x may run past either edge of the world. */
  vx0: number;
  vw: number;
  vy0: number;
  vy1: number;
  wholeWidth: boolean;
}

function viewWindow(request: MapViewRequest, settings: typeof AGGREGATE_DEFAULTS): ViewWindow {
  const level = gridLevel(request.zoom, settings);
  const n = 2 ** level;
  const [west, south, east, north] = request.bounds;
  const vx0 = mercatorX(west);
  const vw = mercatorX(east) - vx0;
  const vy0 = mercatorY(north);
  const vy1 = mercatorY(south);
  const padX = Math.max(0, vw) * settings.viewPadding;
  const padY = (vy1 - vy0) * settings.viewPadding;
  let cx0 = Math.floor((vx0 - padX) * n);
  let width = Math.floor((vx0 + vw + padX) * n) - cx0 + 1;
  if (!(width < n)) {
    cx0 = 0;
    width = n;
  }
  cx0 = ((cx0 % n) + n) % n;
  const cy0 = Math.max(0, Math.floor((vy0 - padY) * n));
  const height = Math.max(0, Math.min(n - 1, Math.floor((vy1 + padY) * n)) - cy0 + 1);
  return { level, n, cx0, width, cy0, height, vx0, vw, vy0, vy1, wholeWidth: !(vw < 1) };
}

/** Slot of each cell of the view + 1 (0: none yet): an array over a screen-sized view, a Map over a larger one. */
function cellSlots(view: ViewWindow, settings: typeof AGGREGATE_DEFAULTS) {
  const dense = view.width * view.height <= settings.denseGridCells;
  const slotOfCell = dense ? new Int32Array(view.width * view.height) : null;
  const slotOfKey = dense ? null : new Map<number, number>();
  return {
    get(cell: number): number {
      return slotOfCell ? (slotOfCell[cell] as number) - 1 : (slotOfKey?.get(cell) ?? -1);
    },
    set(cell: number, slot: number): void {
      if (slotOfCell) slotOfCell[cell] = slot + 1;
      else slotOfKey?.set(cell, slot);
    },
  };
}

/**
 * The view from `positions` (ascending): every filtered incident, or (with an index) those of the index cells
 * the view meets; `total` is the filter's whole count.
 */
function fromPositions(
  table: CoreTable,
  positions: Uint32Array,
  total: number,
  zoom: number,
  view: ViewWindow,
  settings: typeof AGGREGATE_DEFAULTS,
): MapFeatures {
  const { n, cx0, width, cy0, height, vx0, vw, vy0, vy1, wholeWidth } = view;
  const slots = cellSlots(view, settings);
  const cells = new GridCells(Math.min(positions.length, width * height, 4096));

  const individual = zoom >= settings.individualFromZoom;
  const inPad = individual ? new Uint32Array(settings.maxFeatures) : null;
  let inPadCount = 0;
  let inView = 0;
  const members: number[][] | null = total <= settings.membersUpTo ? [] : null;

  const { lon: lons, lat: lats } = table;
  const ys = yColumn(table);
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k] as number;
    const lon = lons[p] as number;
    const x = mercatorX(lon);
    const y = ys[p] as number;
    let cx = Math.floor(x * n);
    if (!(cx >= 0)) cx = 0;
    else if (cx >= n) cx = n - 1;
    let cy = Math.floor(y * n);
    if (cy >= n) cy = n - 1;
    let lx = cx - cx0;
    if (lx < 0) lx += n;
    const ly = cy - cy0;
    if (lx >= width || ly < 0 || ly >= height) continue;

    const lat = lats[p] as number;
    const cell = ly * width + lx;
    const slot = slots.get(cell);
    if (slot < 0) slots.set(cell, cells.add(p, lon, lat));
    if (members) {
      const s = slot >= 0 ? slot : cells.size - 1;
      const list = members[s];
      if (list) list.push(p);
      else members[s] = [p];
    }
    if (slot >= 0) {
      cells.include(slot, lon, lat);
    }

    // Inside the unpadded view: x modulo the world's width, so a view across the antimeridian counts both sides.
    let dx = x - vx0;
    dx -= Math.floor(dx);
    if ((wholeWidth || dx <= vw) && y >= vy0 && y <= vy1) inView++;

    if (inPad) {
      if (inPadCount < inPad.length) inPad[inPadCount] = p;
      inPadCount++;
    }
  }

  if (inPad && inPadCount <= inPad.length) {
    const features: Feature<Point, MapFeatureProperties>[] = [];
    for (let k = 0; k < inPadCount; k++) features.push(incidentPointFeature(table, inPad[k] as number));
    return { type: "FeatureCollection", features, total, inView };
  }
  return {
    type: "FeatureCollection",
    features: cellFeatures(table, cells, null, members, settings),
    total,
    inView,
  };
}

/**
 * The view from an index at its level or a coarser one: each index cell the view meets is merged into the view's
 * cell holding it. Only cells on the edge of the unpadded view are scanned incident by incident, to count what
 * is in view.
 */
function fromIndexCells(
  table: CoreTable,
  index: CellIndex,
  view: ViewWindow,
  settings: typeof AGGREGATE_DEFAULTS,
): MapFeatures {
  const { n, cx0, width, cy0, height } = view;
  const shift = index.level - view.level;
  const slots = cellSlots(view, settings);
  const cells = new GridCells(Math.min(index.cells.size, width * height, 4096));
  let inView = 0;
  for (let c = 0; c < index.cells.size; c++) {
    let lx = ((index.column[c] as number) >> shift) - cx0;
    if (lx < 0) lx += n;
    const ly = ((index.row[c] as number) >> shift) - cy0;
    if (lx >= width || ly < 0 || ly >= height) continue;
    const cell = ly * width + lx;
    const slot = slots.get(cell);
    if (slot < 0) slots.set(cell, cells.addCopy(index.cells, c));
    else cells.merge(slot, index.cells, c);
    inView += inViewOfIndexCell(table, index, c, view);
  }
  // Slots in the order a pass over the positions would have made them (by each cell's first position), so both
  // ways give the same features in the same order.
  const order = Array.from({ length: cells.size }, (_, s) => s).sort(
    (a, b) => (cells.first[a] as number) - (cells.first[b] as number),
  );
  const total = index.visible.length;
  return {
    type: "FeatureCollection",
    features: cellFeatures(table, cells, order, null, settings),
    total,
    inView,
  };
}

/** How many of index cell `c`'s incidents are inside the unpadded view: all, none, or counted one by one. */
function inViewOfIndexCell(table: CoreTable, index: CellIndex, c: number, view: ViewWindow): number {
  const { vx0, vw, vy0, vy1, wholeWidth } = view;
  const side = 2 ** index.level;
  const column = index.column[c] as number;
  const row = index.row[c] as number;
  const y0 = row / side;
  const y1 = (row + 1) / side;
  if (y1 <= vy0 || y0 > vy1) return 0;
  let dx0 = column / side - vx0;
  dx0 -= Math.floor(dx0);
  const cellWidth = 1 / side;
  // The first and last columns also hold the incidents clamped into them: always counted one by one.
  const edgeColumn = column === 0 || column === side - 1;
  const xInside = wholeWidth || dx0 + cellWidth <= vw;
  if (!edgeColumn && xInside && y0 >= vy0 && y1 <= vy1) return index.cells.count[c] as number;
  if (!edgeColumn && !wholeWidth && dx0 > vw && dx0 + cellWidth < 1) return 0;
  const ys = yColumn(table);
  let count = 0;
  for (let k = index.starts[c] as number; k < (index.starts[c + 1] as number); k++) {
    const p = index.positions[k] as number;
    const y = ys[p] as number;
    let dx = mercatorX(table.lon[p] as number) - vx0;
    dx -= Math.floor(dx);
    if ((wholeWidth || dx <= vw) && y >= vy0 && y <= vy1) count++;
  }
  return count;
}

/**
 * The positions of the index cells a finer view meets, ascending (as a pass over every position would meet
 * them); every position when that is most of them anyway.
 */
function positionsNear(index: CellIndex, view: ViewWindow): Uint32Array {
  const shift = view.level - index.level;
  const side = 2 ** index.level;
  const fromColumn = view.cx0 >> shift;
  const columns = ((view.cx0 + view.width - 1) >> shift) - fromColumn + 1;
  const fromRow = view.cy0 >> shift;
  const toRow = view.height > 0 ? (view.cy0 + view.height - 1) >> shift : fromRow - 1;
  const near: number[] = [];
  let count = 0;
  for (let c = 0; c < index.cells.size; c++) {
    const row = index.row[c] as number;
    if (row < fromRow || row > toRow) continue;
    let dc = (index.column[c] as number) - fromColumn;
    if (dc < 0) dc += side;
    if (columns < side && dc >= columns) continue;
    near.push(c);
    count += index.cells.count[c] as number;
  }
  if (count > index.visible.length / 2) return index.visible;
  const positions = new Uint32Array(count);
  let at = 0;
  for (const c of near) {
    positions.set(index.positions.subarray(index.starts[c] as number, index.starts[c + 1] as number), at);
    at += index.cells.count[c] as number;
  }
  return positions.sort();
}

/**
 * The features of the view's cells: an aggregate per cell (a cell of one incident drawn as that incident), the
 * biggest `maxFeatures` when there are more. `order` lists the slots in the order they were met (null: by slot).
 */
function cellFeatures(
  table: CoreTable,
  cells: GridCells,
  order: readonly number[] | null,
  members: number[][] | null,
  settings: typeof AGGREGATE_DEFAULTS,
): Feature<Point, MapFeatureProperties>[] {
  let slots: readonly number[] = order ?? Array.from({ length: cells.size }, (_, s) => s);
  if (cells.size > settings.maxFeatures) {
    // More cells than the map should get (a view far larger than a screen): keep the biggest, earliest met first.
    const rank = new Uint32Array(cells.size);
    slots.forEach((s, k) => {
      rank[s] = k;
    });
    slots = [...slots]
      .sort(
        (a, b) =>
          (cells.count[b] as number) - (cells.count[a] as number) ||
          (rank[a] as number) - (rank[b] as number),
      )
      .slice(0, settings.maxFeatures);
  }
  const features: Feature<Point, MapFeatureProperties>[] = [];
  for (const s of slots) {
    const count = cells.count[s] as number;
    if (count === 1) {
      features.push(incidentPointFeature(table, cells.first[s] as number));
      continue;
    }
    // At the mean of its incidents, not the cell's centre: a town's incidents are drawn on the town, and the
    // grid does not show as a lattice of circles.
    features.push({
      type: "Feature",
      geometry: {
        type: "Point",
        coordinates: [(cells.sumLon[s] as number) / count, (cells.sumLat[s] as number) / count],
      },
      properties: {
        kind: "aggregate",
        count,
        ...(members ? { members: (members[s] ?? []).join(",") } : {}),
        west: cells.west[s] as number,
        south: cells.south[s] as number,
        east: cells.east[s] as number,
        north: cells.north[s] as number,
      },
    });
  }
  return features;
}
