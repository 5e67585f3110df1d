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
