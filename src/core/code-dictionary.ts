/** Codes of a dictionary: meta's entries first (code = index + first), then any id met that meta lacks. */
export class CodeDictionary<E extends { id: string }> {
  private readonly codes = new Map<string, number>();
  constructor(
    readonly entries: E[],
    private readonly first: number,
  ) {
    entries.forEach((entry, i) => {
      if (!this.codes.has(entry.id)) this.codes.set(entry.id, i + first);
    });
  }
  /** The code of `id`; an id meta lacks is appended with `entry()` rather than dropped. */
  code(id: string, entry: () => E): number {
    let code = this.codes.get(id);
    if (code === undefined) {
      code = this.entries.length + this.first;
      this.entries.push(entry());
      this.codes.set(id, code);
    }
    return code;
  }
}
