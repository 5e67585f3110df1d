import { grownArray } from "./grown-array.ts";

type TypedColumn = Int32Array | Uint32Array | Float64Array | Uint8Array;

/**
 * A typed column that grows as rows stream in (counts are not known before the sheet is read): a million values
 * cost 4 or 8 bytes each, against a boxed value per entry in a plain array. The pipeline's stores and the table
 * writer both build their columns from it.
 */
export class GrowingColumn<T extends TypedColumn> {
  length = 0;
  constructor(public data: T) {}

  /** A column holding `data` (all of it counts as pushed). */
  static of<A extends TypedColumn>(data: A): GrowingColumn<A> {
    const column = new GrowingColumn(data);
    column.length = data.length;
    return column;
  }

  /** Appends `value`; returns its index. */
  push(value: number): number {
    if (this.length === this.data.length) {
      this.data = grownArray(this.data, Math.max(1024, this.data.length * 2));
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i] as number;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }

  get values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

const INITIAL_ROWS = 1024;
export const int32Column = () => new GrowingColumn(new Int32Array(INITIAL_ROWS));
export const uint32Column = () => new GrowingColumn(new Uint32Array(INITIAL_ROWS));
export const float64Column = () => new GrowingColumn(new Float64Array(INITIAL_ROWS));
export const uint8Column = () => new GrowingColumn(new Uint8Array(INITIAL_ROWS));
