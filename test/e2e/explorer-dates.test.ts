import { afterEach, describe, expect, inject, it } from "vitest";
import { formatIncidentDate } from "../../src/core/format.ts";
import { type AppDriver, byDate, given, servedData } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
let app: AppDriver | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Dates are days, not instants: the reader's time zone must never move one. */
describe("incident dates in the reader's time zone", () => {
  for (const timezoneId of ["Asia/Damascus", "Pacific/Honolulu"]) {
    it(`shows every incident's date as recorded when the browser is in ${timezoneId}`, async () => {
      const incidents = byDate(await servedData(baseUrl)).slice(0, 4);
      app = await given.app(baseUrl, { timezoneId, webgl: false });
      for (const incident of incidents) {
        await app.when.clickListItem(incident.properties.id);
        await expect
          .poll(() => app?.get.text("incident-date"))
          .toBe(formatIncidentDate(incident.properties, "en"));
      }
    });
  }
});
