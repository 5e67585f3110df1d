// What a build changes against the previous one, by incident id: the maintainer's changelog of the data that
// `data:build` prints, so a reviewer sees the effect of an edit before publishing.

/**
 * Builds with more incidents than this (before or after) are not compared: the changelog reads every shard of the
 * previous build and fingerprints every new feature, worth it for a curated sheet, a tax on a dataset-sized one,
 * whose rebuilds the check page compares instead.
 */
export const CHANGES_MAX_INCIDENTS = 200_000;

/** Incident ids, each list sorted. */
export interface DataChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** A short fingerprint of a text (two FNV-1a 32-bit hashes): equal texts, equal fingerprints. */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * Adds each feature of a detail shard (a JSON array of the table's GeoJSON features) to `into`: id → fingerprint
 * of the feature. Features are compared as parsed and written again, so spacing never counts as a change.
 * @example addShardFingerprints('[{"type":"Feature","properties":{"id":"a"}}]', new Map()) // Map { "a" => "…" }
 */
export function addShardFingerprints(shardText: string, into: Map<string, string>): Map<string, string> {
  const features = JSON.parse(shardText) as { properties?: { id?: unknown } }[];
  for (const feature of features) {
    const id = feature.properties?.id;
    if (typeof id === "string") into.set(id, fingerprint(JSON.stringify(feature)));
  }
  return into;
}

/** Ids added, removed and changed from `previous` to `next` (id → fingerprint). */
export function diffFingerprints(
  previous: ReadonlyMap<string, string>,
  next: ReadonlyMap<string, string>,
): DataChanges {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [id, print] of next) {
    const before = previous.get(id);
    if (before === undefined) added.push(id);
    else if (before !== print) changed.push(id);
  }
  for (const id of previous.keys()) if (!next.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

/**
 * The lines a maintainer reads: a count line, then the ids of each kind (the first `maxIds`, then how many more).
 * @example formatDataChanges({ added: ["a"], removed: [], changed: [] })
 * // ["Since the previous build: 1 incident added, 0 removed, 0 changed.", "Added: a"]
 */
export function formatDataChanges(changes: DataChanges, maxIds = 20): string[] {
  const { added, removed, changed } = changes;
  if (added.length + removed.length + changed.length === 0) {
    return ["Since the previous build: no incident added, removed or changed."];
  }
  const total = added.length;
  const lines = [
    `Since the previous build: ${total} incident${total === 1 ? "" : "s"} added, ${removed.length} removed, ${changed.length} changed.`,
  ];
  const list = (label: string, ids: string[]) => {
    if (ids.length === 0) return;
    const shown = ids.slice(0, maxIds).join(", ");
    lines.push(`${label}: ${shown}${ids.length > maxIds ? ` and ${ids.length - maxIds} more` : ""}`);
  };
  list("Added", added);
  list("Removed", removed);
  list("Changed", changed);
  return lines;
}
