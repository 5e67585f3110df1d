/**
 * A copy of `s` that does not keep the string it was cut from alive.
 *
 * PapaParse cuts cells out of each parsed chunk with substring(); V8 represents a substring of 13 or more
 * characters as a view into its parent, so keeping one id per row would keep every chunk of the file in memory
 * (≈ 400 MB of text at 1M incidents). Prepending a character builds a rope, and slicing the rope flattens it into
 * a fresh string first, so the result points into a copy of `s`, not into the chunk.
 * @example detach(cells[0]) // same characters, no reference to the chunk
 */
export function detach(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
