/** A typed array of the same kind as `array`, `length` long, holding `array`'s values at its start. */
export function grownArray<T extends Int32Array | Uint32Array | Float64Array | Uint8Array | Uint16Array>(
  array: T,
  length: number,
): T {
  const grown = new (array.constructor as new (n: number) => T)(length);
  grown.set(array);
  return grown;
}
