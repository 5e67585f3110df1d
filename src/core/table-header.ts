import {
  COLUMN_TYPES,
  type ColumnName,
  type ColumnType,
  REBUILD,
  TABLE_FILES,
  TABLE_FORMAT,
  TABLE_VERSION,
  type TableHeader,
} from "./incident-table.ts";

// The one gate a table.json passes before anything reads its columns: a table of another format or version, or a
// damaged header, is refused with what to do about it (the app shows the message instead of a blank page).

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** Whether a column's layout has the base and step its stored type needs (see ColumnLayout). */
function scaleIsValid(name: ColumnName, layout: Record<string, unknown>): boolean {
  if (name === "dayStart") return Number.isInteger(layout.base);
  if ((name === "lon" || name === "lat" || name === "radiusKm") && layout.type === "u16") {
    return isFiniteNumber(layout.base) && isFiniteNumber(layout.step) && layout.step >= 0;
  }
  return true;
}

/**
 * The parsed table.json as a TableHeader, or an Error saying what is wrong and what to do: not a table at all,
 * a table of another version, or a damaged header.
 * @example const header = checkTableHeader(JSON.parse(text));
 */
export function checkTableHeader(json: unknown): TableHeader {
  const format = isRecord(json) ? json.format : undefined;
  if (format !== TABLE_FORMAT) {
    throw new Error(
      `${TABLE_FILES.header} is not an Incident Atlas table (its format is ${JSON.stringify(format) ?? "missing"}, expected "${TABLE_FORMAT}"): ${REBUILD}`,
    );
  }
  const header = json as Record<string, unknown>;
  if (header.version !== TABLE_VERSION) {
    throw new Error(
      `the incident table is version ${JSON.stringify(header.version)} but this app reads version ${TABLE_VERSION}: ${REBUILD}`,
    );
  }
  const damaged = (what: string): never => {
    throw new Error(`${TABLE_FILES.header} is damaged (${what}): ${REBUILD}`);
  };
  if (!isCount(header.count)) damaged("count is not a whole number");
  if (!isCount(header.bytes)) damaged("bytes is not a whole number");
  if (!isCount(header.relationBytes)) damaged("relationBytes is not a whole number");
  if (!isCount(header.shardSize) || header.shardSize === 0)
    damaged("shardSize is not a positive whole number");
  if (!isCount(header.shardCount)) damaged("shardCount is not a whole number");
  const meta = header.meta;
  if (
    !isRecord(meta) ||
    !Array.isArray(meta.actors) ||
    !Array.isArray(meta.sources) ||
    !Array.isArray(meta.event_types) ||
    !Array.isArray(meta.governorates)
  ) {
    damaged("meta lacks its actors, sources, event_types or governorates");
  }
  const bbox = header.bbox;
  if (
    bbox !== null &&
    !(Array.isArray(bbox) && bbox.length === 4 && bbox.every((x) => typeof x === "number"))
  ) {
    damaged("bbox is neither null nor four numbers");
  }
  const search = header.search;
  if (
    !isRecord(search) ||
    !isCount(search.tokenCount) ||
    !Array.isArray(search.bucketStarts) ||
    search.bucketStarts.length < 1 ||
    !search.bucketStarts.every(isCount)
  ) {
    damaged("search lacks tokenCount or bucketStarts");
  }
  const columns = header.columns;
  if (!isRecord(columns)) damaged("columns is missing");
  for (const name of Object.keys(COLUMN_TYPES) as ColumnName[]) {
    const layout = (columns as Record<string, unknown>)[name];
    if (
      !isRecord(layout) ||
      !COLUMN_TYPES[name].includes(layout.type as ColumnType) ||
      !isCount(layout.offset) ||
      !isCount(layout.length) ||
      layout.offset % 8 !== 0
    ) {
      damaged(`column ${name} has no valid type, offset and length`);
    }
    if (!scaleIsValid(name, layout as Record<string, unknown>))
      damaged(`column ${name} has no valid base and step`);
  }
  return json as TableHeader;
}
