import { grownArray } from "./grown-array.ts";

/** A typed column that grows as incidents stream in (the table writer's columns). */
export class GrowingColumn<T extends Int32Array | Uint32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(public data: T) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      this.data = grownArray(this.data, this.data.length * 2);
    }
    this.data[this.length++] = value;
  }
  get values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
