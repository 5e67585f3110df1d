import type { ActorRef, Bilingual, GovernorateRef } from "../../core/incident.ts";
import { DATE_PRECISIONS, EVENT_TYPE_IDS, LOCATION_PRECISIONS } from "../../core/vocabulary.ts";
import type { IncidentStore } from "../incident-store.ts";
import { detach } from "../machinery/detach-string.ts";
import type { IdTable } from "../machinery/id-table.ts";
import { CellReader } from "../sheet/cell-reader.ts";
import { readPoint } from "../sheet/read-point.ts";
import type { RowHandlerFactory, Sheet, SheetRow } from "../sheet/read-sheet.ts";
import type { ProblemLog } from "../sheet/row-error.ts";
import { reportDuplicate } from "../sheet/unique-ids.ts";
import type { Locator } from "./locator.ts";
import type { Actor } from "./validate-actors.ts";
import type { Place } from "./validate-places.ts";

const PRECISION_IDS = LOCATION_PRECISIONS.map((p) => p.id);
/** Past these, a value is most likely a typo: a warning, not an error (data/README.md). */
const PLAUSIBLE = {
  maxRadiusKm: 850, // Syria's widest span: a circle wider than the country says nothing about where
  sinceDay: "2011-01-01", // the sheet covers the conflict from the 2011 uprising on
};
const MIN_RADIUS = new Map(LOCATION_PRECISIONS.map((p) => [p.id, p.minRadiusKm]));
const json = JSON.stringify;
const encoder = new TextEncoder();

/** The feature's geometry between its id and its properties' id, as JSON writes it (String(n) for numbers). */
function pointBytes(lon: number, lat: number): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    `","geometry":{"type":"Point","coordinates":[${json(lon)},${json(lat)}]},"properties":{"id":"`,
  );
}

/**
 * What a piece of incidents.csv read on its own must tell the join (see incident-part.ts) about ids, since an
 * earlier piece may hold the same id: each id seen first here, and each repeat reported here.
 */
export interface KeyTracker {
  /**
   * `key` is first seen on `row` here; `errorsBefore` is where a repeat's message would go in the log (-1 when the
   * cell is not a valid id, so a repeat is not reported); `incident` is the store index the row gets if valid.
   */
  first(key: string, row: number, errorsBefore: number, incident: number): void;
  /** A repeat of `id` is reported as the log's error number `error`, naming the first row seen here. */
  duplicate(error: number, id: string): void;
}

/**
 * incidents.csv, row by row as it is read → valid incidents appended to `store`. Also fills `rowOfId` with the id
 * of every row, valid or not (→ its first row), so claims of an incident row with a mistake are not reported a
 * second time as pointing nowhere, and a repeated id names the row that has it first.
 */
export function validateIncidents(
  log: ProblemLog,
  context: {
    places: Map<string, Place>;
    actors: Map<string, Actor>;
    placeIds: Set<string>;
    actorIds: Set<string>;
  },
  locator: Locator,
  today: string,
  store: IncidentStore,
  rowOfId: IdTable,
  keys?: KeyTracker,
  malformedRows?: Set<number>,
): RowHandlerFactory {
  const actorRefs = new Map<string, ActorRef>();
  for (const a of context.actors.values()) actorRefs.set(a.id, { id: a.id, name: a.name, color: a.color });
  const toRefs = (list: string[]): ActorRef[] =>
    list.flatMap((id) => {
      const ref = actorRefs.get(id);
      return ref ? [ref] : [];
    });
  const geoJson = (governorate: GovernorateRef | null, position: Bilingual) =>
    `,"governorate":${json(governorate)},"position":${json(position)}`;

  return (sheet: Sheet) => {
    const cells = new CellReader(sheet, log);
    // A row with too few or too many cells has its error; its claims must not add "is not an id" each (they say
    // which row to fix instead: `malformedRows`).
    sheet.onMalformed = (row) => {
      malformedRows?.add(row.row);
      const rawId = cells.at(row).raw("id").trim();
      if (rawId === "" || rowOfId.get(rawId) !== undefined) return;
      const key = detach(rawId);
      rowOfId.set(key, row.row);
      keys?.first(key, row.row, -1, store.count);
    };
    return (row: SheetRow) => {
      cells.at(row);
      // One lookup serves both the duplicate check and the id list (a valid id is its trimmed raw cell).
      const rawId = cells.raw("id").trim();
      const first = rawId === "" ? undefined : rowOfId.get(rawId);
      const errorsBefore = log.errors.length;
      let id = cells.slug("id");
      if (id !== null && first !== undefined) {
        keys?.duplicate(log.errors.length, id);
        reportDuplicate(cells, id, first);
        id = null;
      }
      // Kept for the whole run, so detached from the parsed chunk (see detach-string.ts).
      const key = rawId === "" || first !== undefined ? null : detach(rawId);
      if (key !== null) {
        rowOfId.set(key, row.row);
        keys?.first(key, row.row, id === null ? -1 : errorsBefore, store.count);
      }

      const titleEn = cells.text("title_en");
      const titleAr = cells.text("title_ar");
      const summaryEn = cells.text("summary_en");
      const summaryAr = cells.text("summary_ar");

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
      if (radius !== null && radius > PLAUSIBLE.maxRadiusKm) {
        cells.warn(
          "radius_km",
          cells.raw("radius_km").trim(),
          `is a radius of more than ${PLAUSIBLE.maxRadiusKm} km, wider than Syria itself`,
          "check the number: radius_km is in kilometres, not metres",
        );
      }
      for (const [column, date] of [
        ["date_start", start],
        ["date_end", endCell === "" ? null : end],
      ] as const) {
        if (date && date.start < PLAUSIBLE.sinceDay) {
          cells.warn(
            column,
            cells.raw(column).trim(),
            `is before ${PLAUSIBLE.sinceDay.slice(0, 4)}, the year the sheet's period starts`,
            "check the year (a typo, or a date a spreadsheet turned into 0000 or 1900?)",
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
        key === null ||
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
        return;
      }
      const lon = override ? override[0] : place.lon;
      const lat = override ? override[1] : place.lat;
      // At its place's point, an incident is known no better than the place: the drawn radius is never smaller.
      const drawnRadius = override || radius >= place.radiusKm ? radius : place.radiusKm;
      if (drawnRadius !== radius) {
        cells.warn(
          "radius_km",
          cells.raw("radius_km").trim(),
          `is smaller than the ${place.radiusKm} km uncertainty of place "${place.id}" (places.csv radius_km); the map draws ${place.radiusKm} km`,
          `set radius_km to at least ${place.radiusKm}, or give the incident its own lat/lon`,
        );
      }
      if (!store.keepsOutput) {
        store.addChecked(row.row, key);
        return;
      }
      // Rows repeating a combination share one fragment. Fragments start with their comma: fewer copies later.
      let dates = store.dateTable.find(start, end);
      if (dates === -1) {
        dates = store.dateTable.add(
          `,"date_start":"${start.start}","date_end":"${end.end}","date_start_raw":"${startRaw}","date_end_raw":"${endRaw}","date_precision":"${precision}"`,
          start.start,
          start,
          end,
        );
      }
      let placeFragment = store.placeTable.find(place, locationPrecision, drawnRadius);
      if (placeFragment === -1) {
        placeFragment = store.placeTable.add(
          `,"place":${json(place.ref)},"location_precision":${json(locationPrecision)},"radius_km":${json(drawnRadius)}`,
          undefined,
          place,
          locationPrecision,
          drawnRadius,
        );
      }
      // Only an incident with its own lat/lon needs point-in-polygon; the rest share their place's answers.
      let geo = override ? store.geoTable.find(lon, lat) : store.geoTable.find(place);
      if (geo === -1) {
        const point = pointBytes(lon, lat);
        geo = override
          ? store.geoTable.add(
              geoJson(locator.governorateAt(lon, lat), locator.positionAt(lon, lat)),
              point,
              lon,
              lat,
            )
          : store.geoTable.add(geoJson(place.governorate, place.position), point, place);
      }
      const perpetratorsRaw = cells.raw("perpetrators");
      const targetsRaw = cells.raw("targets");
      let kind = store.kindTable.find(eventType, perpetratorsRaw, targetsRaw);
      if (kind === -1) {
        // Ends with the opening of the claims list, which always follows: one copy less per feature.
        kind = store.kindTable.add(
          `,"event_type":${json(eventType)},"perpetrators":${json(toRefs(perpetrators))},"targets":${json(toRefs(targets))},"claims":[`,
          undefined,
          eventType,
          perpetratorsRaw,
          targetsRaw,
        );
      }
      store.addIncident({
        row: row.row,
        id: key,
        title: [titleEn, titleAr],
        summary: [summaryEn, summaryAr],
        lon,
        lat,
        dates,
        place: placeFragment,
        geo,
        kind,
      });
    };
  };
}
