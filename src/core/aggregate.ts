import type { Feature, Point } from "geojson";
import { GridCells } from "./grid-cells.ts";
import type { IncidentTable } from "./incident-table.ts";
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
  table: IncidentTable,
  visible: Uint32Array,
  request: MapViewRequest,
  options: AggregateOptions = {},
): MapFeatures {
  const settings = { ...AGGREGATE_DEFAULTS, ...options };
  const level = gridLevel(request.zoom, settings);
  const n = 2 ** level;
  const [west, south, east, north] = request.bounds;

  // The view in world units ([0, 1] a side), then padded; x may run past either edge of the world.
  const vx0 = mercatorX(west);
  const vw = mercatorX(east) - vx0;
  const vy0 = mercatorY(north);
  const vy1 = mercatorY(south);
  const padX = Math.max(0, vw) * settings.viewPadding;
  const padY = (vy1 - vy0) * settings.viewPadding;

  // The cells meeting the padded view: columns [cx0, cx0 + width) modulo n, rows [cy0, cy0 + height).
  let cx0 = Math.floor((vx0 - padX) * n);
  let width = Math.floor((vx0 + vw + padX) * n) - cx0 + 1;
  if (!(width < n)) {
    cx0 = 0;
    width = n;
  }
  cx0 = ((cx0 % n) + n) % n;
  const cy0 = Math.max(0, Math.floor((vy0 - padY) * n));
  const height = Math.max(0, Math.min(n - 1, Math.floor((vy1 + padY) * n)) - cy0 + 1);
  const wholeWidth = !(vw < 1);

  const dense = width * height <= settings.denseGridCells;
  // Slot of each cell of the view + 1 (0: no incident yet).
  const slotOfCell = dense ? new Int32Array(width * height) : null;
  const slotOfKey = dense ? null : new Map<number, number>();
  const cells = new GridCells(Math.min(visible.length, width * height, 4096));

  const individual = request.zoom >= settings.individualFromZoom;
  const inPad = individual ? new Uint32Array(settings.maxFeatures) : null;
  let inPadCount = 0;
  let inView = 0;
  const members: number[][] | null = visible.length <= settings.membersUpTo ? [] : null;

  const { lon: lons, lat: lats } = table;
  const ys = yColumn(table);
  for (let k = 0; k < visible.length; k++) {
    const p = visible[k] as number;
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
    let slot: number;
    if (slotOfCell) {
      const cell = ly * width + lx;
      slot = (slotOfCell[cell] as number) - 1;
      if (slot < 0) slotOfCell[cell] = cells.add(p, lon, lat) + 1;
    } else {
      const key = ly * width + lx;
      slot = (slotOfKey as Map<number, number>).get(key) ?? -1;
      if (slot < 0) (slotOfKey as Map<number, number>).set(key, cells.add(p, lon, lat));
    }
    if (members) {
      const s = slot >= 0 ? slot : cells.size - 1;
      const list = members[s];
      if (list) list.push(p);
      else members[s] = [p];
    }
    if (slot >= 0) {
      cells.count[slot] = (cells.count[slot] as number) + 1;
      cells.sumLon[slot] = (cells.sumLon[slot] as number) + lon;
      cells.sumLat[slot] = (cells.sumLat[slot] as number) + lat;
      if (lon < (cells.west[slot] as number)) cells.west[slot] = lon;
      if (lon > (cells.east[slot] as number)) cells.east[slot] = lon;
      if (lat < (cells.south[slot] as number)) cells.south[slot] = lat;
      if (lat > (cells.north[slot] as number)) cells.north[slot] = lat;
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

  const features: Feature<Point, MapFeatureProperties>[] = [];
  if (inPad && inPadCount <= inPad.length) {
    for (let k = 0; k < inPadCount; k++) features.push(incidentPointFeature(table, inPad[k] as number));
    return { type: "FeatureCollection", features, total: visible.length, inView };
  }

  let slots: ArrayLike<number>;
  if (cells.size <= settings.maxFeatures) {
    slots = { length: cells.size };
  } else {
    // More cells than the map should get (a view far larger than a screen): keep the biggest.
    const order = Array.from({ length: cells.size }, (_, s) => s);
    order.sort((a, b) => (cells.count[b] as number) - (cells.count[a] as number) || a - b);
    slots = order.slice(0, settings.maxFeatures);
  }
  const byOrder = cells.size > settings.maxFeatures;
  for (let k = 0; k < slots.length; k++) {
    const s = byOrder ? ((slots as number[])[k] as number) : k;
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
  return { type: "FeatureCollection", features, total: visible.length, inView };
}
