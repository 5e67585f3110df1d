import type { ActorRef, Bilingual, DatePrecision, GovernorateRef, LocationPrecision } from "../core/incident";
import { DATE_PRECISIONS, EVENT_TYPE_IDS, LOCATION_PRECISIONS } from "../core/vocabulary";
import { CellReader } from "./cell-reader";
import type { Locator } from "./locator";
import { readPoint } from "./read-point";
import type { Sheet } from "./read-sheet";
import type { ProblemLog } from "./row-error";
import { UniqueIds } from "./unique-ids";
import type { Actor } from "./validate-actors";
import type { Place } from "./validate-places";

/** A valid incident row, everything resolved except its claims. */
export interface Incident {
  row: number;
  id: string;
  title: Bilingual;
  summary: Bilingual;
  dateStart: string;
  dateEnd: string;
  dateStartRaw: string;
  dateEndRaw: string;
  datePrecision: DatePrecision;
  place: Place;
  lon: number;
  lat: number;
  governorate: GovernorateRef | null;
  position: Bilingual;
  locationPrecision: LocationPrecision;
  radiusKm: number;
  eventType: string;
  perpetrators: ActorRef[];
  targets: ActorRef[];
}

const PRECISION_IDS = LOCATION_PRECISIONS.map((p) => p.id);
const MIN_RADIUS = new Map(LOCATION_PRECISIONS.map((p) => [p.id, p.minRadiusKm]));

/**
 * incidents.csv → valid incidents in sheet order, plus the ids of every row (valid or not), so claims of an
 * incident row with a mistake are not reported a second time as pointing nowhere.
 */
export function validateIncidents(
  sheet: Sheet,
  log: ProblemLog,
  context: {
    places: Map<string, Place>;
    actors: Map<string, Actor>;
    placeIds: Set<string>;
    actorIds: Set<string>;
  },
  locator: Locator,
  today: string,
): { incidents: Incident[]; ids: Set<string> } {
  const incidents: Incident[] = [];
  const ids = new UniqueIds();
  const allIds = new Set<string>();
  const cells = new CellReader(sheet, log);
  const actorRefs = new Map<string, ActorRef>();
  for (const a of context.actors.values()) actorRefs.set(a.id, { id: a.id, name: a.name, color: a.color });
  const toRefs = (list: string[]): ActorRef[] =>
    list.flatMap((id) => {
      const ref = actorRefs.get(id);
      return ref ? [ref] : [];
    });

  for (const row of sheet.rows) {
    cells.at(row);
    const rawId = cells.raw("id").trim();
    if (rawId !== "") allIds.add(rawId);
    const id = ids.take(cells, cells.slug("id"));
    const title = { en: cells.text("title_en"), ar: cells.text("title_ar") };
    const summary = { en: cells.text("summary_en"), ar: cells.text("summary_ar") };

    const precision = cells.oneOf("date_precision", DATE_PRECISIONS, "a date precision");
    const startRaw = cells.code("date_start");
    const start = startRaw === null ? null : cells.date("date_start", startRaw, precision, today);
    const endCell = cells.raw("date_end").trim();
    const endRaw = endCell === "" ? startRaw : endCell;
    const end = endCell === "" ? start : cells.date("date_end", endCell, precision, today);
    if (start && end && end.end < start.start) {
      cells.error(
        "date_end",
        endCell,
        `is before date_start "${startRaw}"`,
        "swap the two dates or correct one of them",
      );
    }

    const placeId = cells.ref("place", context.placeIds, "places.csv");
    const override = readPoint(cells, false, locator);
    const locationPrecision = cells.oneOf("location_precision", PRECISION_IDS, "a location precision");
    const radius = cells.number("radius_km", true);
    if (radius !== null && locationPrecision !== null) {
      const min = MIN_RADIUS.get(locationPrecision) ?? 0;
      if (radius < min) {
        cells.error(
          "radius_km",
          cells.raw("radius_km").trim(),
          `is smaller than the ${min} km a "${locationPrecision}" location needs`,
          `set radius_km to at least ${min}, or choose a more exact location_precision`,
        );
      }
    }
    const eventType = cells.oneOf("event_type", EVENT_TYPE_IDS, "an event type");
    const perpetrators = cells.refList("perpetrators", context.actorIds, "actors.csv");
    const targets = cells.refList("targets", context.actorIds, "actors.csv");

    // A place that exists but had its own mistake is reported in places.csv; no second message here.
    const place = placeId === null ? undefined : context.places.get(placeId);
    if (
      !cells.ok ||
      id === null ||
      !start ||
      !end ||
      startRaw === null ||
      endRaw === null ||
      precision === null ||
      !place ||
      locationPrecision === null ||
      radius === null ||
      eventType === null
    ) {
      continue;
    }
    const lon = override ? override[0] : place.lon;
    const lat = override ? override[1] : place.lat;
    incidents.push({
      row: row.row,
      id,
      title,
      summary,
      dateStart: start.start,
      dateEnd: end.end,
      dateStartRaw: startRaw,
      dateEndRaw: endRaw,
      datePrecision: precision,
      place,
      lon,
      lat,
      governorate: override ? locator.governorateAt(lon, lat) : place.governorate,
      position: override ? locator.positionAt(lon, lat) : place.position,
      locationPrecision,
      radiusKm: radius,
      eventType,
      perpetrators: toRefs(perpetrators),
      targets: toRefs(targets),
    });
  }
  return { incidents, ids: allIds };
}
