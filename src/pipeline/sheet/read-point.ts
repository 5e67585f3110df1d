import type { Locator } from "../stages/locator.ts";
import type { CellReader } from "./cell-reader.ts";

/**
 * Reads the row's `lat`/`lon` pair: both or neither (unless `required`), numeric, in range and inside Syria and its
 * border region. When the swapped pair would be inside, the fix says so. Returns [lon, lat] or null.
 */
export function readPoint(cells: CellReader, required: boolean, locator: Locator): [number, number] | null {
  const lat = cells.number("lat", required);
  const lon = cells.number("lon", required);
  const latRaw = cells.raw("lat").trim();
  const lonRaw = cells.raw("lon").trim();
  if (!required && (latRaw === "") !== (lonRaw === "")) {
    const [column, other] = latRaw === "" ? ["lat", "lon"] : ["lon", "lat"];
    cells.error(
      column,
      null,
      `the cell is empty, but ${other} is filled in`,
      `fill in both lat and lon, or neither`,
    );
    return null;
  }
  if (lat === null || lon === null) return null;
  if (!cells.ok && (Number.isNaN(lat) || Number.isNaN(lon))) return null;
  if (locator.inRegion(lon, lat)) return [lon, lat];
  const swapped = locator.inRegion(lat, lon);
  cells.error(
    "lat",
    latRaw,
    `(with lon ${lonRaw}) is outside Syria and its border region`,
    swapped
      ? `swap lat and lon? lat ${lonRaw}, lon ${latRaw} is inside`
      : "check the coordinates (decimal degrees, lat 32–37.5 and lon 35.5–42.5 for Syria)",
  );
  return null;
}
