import { grownArray } from "./grown-array.ts";

/** Per-cell sums of the incidents in each occupied cell of the aggregation grid, growing as cells are met. */
export class GridCells {
  size = 0;
  count: Uint32Array;
  first: Uint32Array;
  sumLon: Float64Array;
  sumLat: Float64Array;
  west: Float64Array;
  east: Float64Array;
  south: Float64Array;
  north: Float64Array;

  constructor(capacity: number) {
    this.count = new Uint32Array(capacity);
    this.first = new Uint32Array(capacity);
    this.sumLon = new Float64Array(capacity);
    this.sumLat = new Float64Array(capacity);
    this.west = new Float64Array(capacity);
    this.east = new Float64Array(capacity);
    this.south = new Float64Array(capacity);
    this.north = new Float64Array(capacity);
  }

  add(position: number, lon: number, lat: number): number {
    if (this.size === this.count.length) this.grow();
    const slot = this.size++;
    this.count[slot] = 1;
    this.first[slot] = position;
    this.sumLon[slot] = lon;
    this.sumLat[slot] = lat;
    this.west[slot] = lon;
    this.east[slot] = lon;
    this.south[slot] = lat;
    this.north[slot] = lat;
    return slot;
  }

  /** Counts one more incident at `lon`, `lat` in `slot`: its sums grow and its extent widens to hold it. */
  include(slot: number, lon: number, lat: number): void {
    this.count[slot] = (this.count[slot] as number) + 1;
    this.sumLon[slot] = (this.sumLon[slot] as number) + lon;
    this.sumLat[slot] = (this.sumLat[slot] as number) + lat;
    if (lon < (this.west[slot] as number)) this.west[slot] = lon;
    if (lon > (this.east[slot] as number)) this.east[slot] = lon;
    if (lat < (this.south[slot] as number)) this.south[slot] = lat;
    if (lat > (this.north[slot] as number)) this.north[slot] = lat;
  }

  /** A new slot holding `from`'s slot `at` (an index's cell becoming a view's cell). */
  addCopy(from: GridCells, at: number): number {
    const slot = this.add(from.first[at] as number, from.sumLon[at] as number, from.sumLat[at] as number);
    this.count[slot] = from.count[at] as number;
    this.west[slot] = from.west[at] as number;
    this.east[slot] = from.east[at] as number;
    this.south[slot] = from.south[at] as number;
    this.north[slot] = from.north[at] as number;
    return slot;
  }

  /** Adds `from`'s slot `at` into `slot`: counts and sums add, extents widen, the first position is the lower. */
  merge(slot: number, from: GridCells, at: number): void {
    this.count[slot] = (this.count[slot] as number) + (from.count[at] as number);
    this.sumLon[slot] = (this.sumLon[slot] as number) + (from.sumLon[at] as number);
    this.sumLat[slot] = (this.sumLat[slot] as number) + (from.sumLat[at] as number);
    this.first[slot] = Math.min(this.first[slot] as number, from.first[at] as number);
    this.west[slot] = Math.min(this.west[slot] as number, from.west[at] as number);
    this.east[slot] = Math.max(this.east[slot] as number, from.east[at] as number);
    this.south[slot] = Math.min(this.south[slot] as number, from.south[at] as number);
    this.north[slot] = Math.max(this.north[slot] as number, from.north[at] as number);
  }

  private grow(): void {
    const capacity = Math.max(16, this.count.length * 2);
    const grown = <T extends Uint32Array | Float64Array>(from: T): T => grownArray(from, capacity);
    this.count = grown(this.count);
    this.first = grown(this.first);
    this.sumLon = grown(this.sumLon);
    this.sumLat = grown(this.sumLat);
    this.west = grown(this.west);
    this.east = grown(this.east);
    this.south = grown(this.south);
    this.north = grown(this.north);
  }
}
