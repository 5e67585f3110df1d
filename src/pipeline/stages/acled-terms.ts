import { DATASET_SOURCES } from "../../core/dataset-credits.ts";
import type { SourceRef } from "../../core/incident.ts";
import type { ProblemLog } from "../sheet/row-error.ts";

/** Source rows the importer makes for ACLED events (see data:import). */
const ACLED_SOURCE_PREFIX = DATASET_SOURCES[1].prefix;

/**
 * ACLED's terms of use restrict redistribution: a build that publishes refuses ACLED-derived rows unless the
 * maintainer has said they may publish them. One error names the first such source and how many there are.
 */
export function refuseAcledSources(sources: ReadonlyMap<string, SourceRef>, log: ProblemLog): void {
  let first: string | null = null;
  let count = 0;
  for (const id of sources.keys()) {
    if (!id.startsWith(ACLED_SOURCE_PREFIX)) continue;
    count++;
    if (first === null || id < first) first = id;
  }
  if (first === null) return;
  log.error(
    "sources.csv",
    null,
    "id",
    first,
    `${count === 1 ? "is the source" : `is one of ${count} sources`} of rows imported from ACLED, whose terms of use restrict redistribution, so they are not published`,
    "if ACLED has allowed you to publish them, set ATLAS_ACLED_REDISTRIBUTION=permitted and build again; otherwise remove the acled- rows",
  );
}
