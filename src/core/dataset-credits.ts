/**
 * Event datasets whose rows the importer (`npm run data:import`) writes, known by the ids of their source rows,
 * and the credit each one requires wherever the map shows its data.
 */
export const DATASET_SOURCES = [
  { prefix: "src-ucdp-", credit: "UCDP GED (CC BY 4.0)" },
  { prefix: "src-acled-", credit: "ACLED (acleddata.com)" },
] as const;

/**
 * The credits owed by the data: one per dataset that at least one source row comes from, in a fixed order.
 * @example datasetCredits([{ id: "src-ucdp-dataset" }, { id: "src-001" }]) // ["UCDP GED (CC BY 4.0)"]
 */
export function datasetCredits(sources: readonly { id: string }[]): string[] {
  return DATASET_SOURCES.filter(({ prefix }) => sources.some((s) => s.id.startsWith(prefix))).map(
    (d) => d.credit,
  );
}
