import { TABLE_FILES } from "../core/incident-table.ts";
import { addShardFingerprints, type DataChanges, diffFingerprints } from "../pipeline/stages/data-changes.ts";

const SHARD_FILE = /^shard-\d+\.json$/;

/**
 * What the checked sheet would change on the published map: the published table's detail shards (read from this
 * site, `base` being the map's address) against those made from the sheet. Only asked for by the maintainer; the
 * sheet itself is never sent.
 */
export async function compareWithPublished(
  base: string,
  table: ReadonlyMap<string, Uint8Array>,
): Promise<DataChanges> {
  const read = async (name: string) => {
    const url = new URL(`data/table/${name}`, base).href;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.text();
  };
  const header = JSON.parse(await read(TABLE_FILES.header)) as { shardCount?: unknown };
  const shardCount = typeof header.shardCount === "number" ? header.shardCount : 0;
  const published = new Map<string, string>();
  for (let k = 0; k < shardCount; k++) addShardFingerprints(await read(TABLE_FILES.shard(k)), published);
  const checked = new Map<string, string>();
  const decoder = new TextDecoder();
  for (const [name, bytes] of table) {
    if (SHARD_FILE.test(name)) addShardFingerprints(decoder.decode(bytes), checked);
  }
  return diffFingerprints(published, checked);
}
