import type { Bilingual, GovernorateRef, PlaceRef } from "../../core/incident.ts";
import { PLACE_KINDS } from "../../core/vocabulary.ts";
import { CellReader } from "../sheet/cell-reader.ts";
import { readNames } from "../sheet/read-names.ts";
import { readPoint } from "../sheet/read-point.ts";
import type { Sheet } from "../sheet/read-sheet.ts";
import type { ProblemLog } from "../sheet/row-error.ts";
import { UniqueIds } from "../sheet/unique-ids.ts";
import type { Locator } from "./locator.ts";

/** A gazetteer entry with its derived governorate and position phrase, computed once and shared by incidents. */
export interface Place {
  id: string;
  name: Bilingual;
  kind: string;
  lon: number;
  lat: number;
  governorate: GovernorateRef | null;
  position: Bilingual;
  /** How far the real site may be from the point (places.csv `radius_km`); 0 when the sheet gives none. */
  radiusKm: number;
  /** What each feature carries about its place; one shared object per place. */
  ref: PlaceRef;
}

/**
 * A `coord_source` that starts with "Estimate" (any case) marks a point worked out from reporting rather than taken
 * from a gazetteer; such a place must say how far off it may be (data/README.md, places.csv).
 */
export function isEstimate(coordSource: string): boolean {
  return /^\s*estimate/i.test(coordSource);
}

/** places.csv → places by id (rows with errors are reported and left out). */
export function validatePlaces(sheet: Sheet, log: ProblemLog, locator: Locator): Map<string, Place> {
  const places = new Map<string, Place>();
  const ids = new UniqueIds();
  const cells = new CellReader(sheet, log);
  const byCode = new Map(locator.governorates.map((g) => [g.id, g]));
  for (const row of sheet.rows) {
    cells.at(row);
    const id = ids.take(cells, cells.slug("id"));
    const name = readNames(cells);
    cells.list("aliases");
    const kind = cells.oneOf("kind", PLACE_KINDS, "a place kind");
    const point = readPoint(cells, true, locator);
    const radiusKm = readPlaceRadius(cells);
    const entered = cells.raw("governorate").trim();
    let governorate: GovernorateRef | null = null;
    if (entered !== "") {
      governorate = byCode.get(entered) ?? null;
      if (!governorate) {
        cells.error(
          "governorate",
          entered,
          "is not a governorate code",
          `use one of ${[...byCode.keys()].join(", ")}, or leave it empty to derive it from lat/lon`,
        );
      }
    }
    if (!cells.ok || id === null || kind === null || point === null || radiusKm === null) continue;
    const derived = locator.governorateAt(point[0], point[1]);
    if (governorate && derived && derived.id !== governorate.id) {
      cells.warn(
        "governorate",
        entered,
        `disagrees with lat/lon, which lie in ${derived.name.en} (${derived.id}); ${entered} is used`,
        "check the coordinates, or empty the cell to use the derived governorate",
      );
    }
    places.set(id, {
      id,
      name,
      kind,
      lon: point[0],
      lat: point[1],
      governorate: governorate ?? derived,
      position: locator.positionAt(point[0], point[1]),
      radiusKm,
      ref: { id, name, kind },
    });
  }
  return places;
}

/** The place's `radius_km`: a number ≥ 0, required when `coord_source` is an estimate; 0 when empty; null on error. */
function readPlaceRadius(cells: CellReader): number | null {
  const typed = cells.raw("radius_km").trim();
  if (typed === "") {
    if (!isEstimate(cells.raw("coord_source"))) return 0;
    cells.error(
      "radius_km",
      null,
      "the cell is empty, but coord_source says the point is an estimate",
      "give the distance in km within which the real site lies (see data/METHODOLOGY.md), e.g. 5",
    );
    return null;
  }
  const radius = cells.number("radius_km", false);
  if (radius === null) return null;
  if (radius < 0) {
    cells.error("radius_km", typed, "is negative", "write the uncertainty as a distance in km, 0 or more");
    return null;
  }
  return radius;
}
