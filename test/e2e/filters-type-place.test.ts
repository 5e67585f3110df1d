import { describe, expect, inject, it } from "vitest";
import type { IncidentCollection } from "../../src/core/incident.ts";
import { idsMatching, servedData, useSharedBrowser } from "./driver/index.ts";

const baseUrl = inject("baseUrl");
const data = await servedData(baseUrl);
const openApp = useSharedBrowser(baseUrl);

/** The values of `read` in the data, most frequent first. */
function byFrequency(
  read: (p: IncidentCollection["features"][number]["properties"]) => string | undefined,
): string[] {
  const counts = new Map<string, number>();
  for (const f of data.features) {
    const value = read(f.properties);
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
}

describe("filtering by event type and governorate", () => {
  it("narrows the list, the count and the map to the chosen event type", async () => {
    const type = byFrequency((p) => p.event_type)[0] as string;
    const expected = idsMatching(data, { types: [type] });

    const app = await openApp();
    await app.when.pickType(type);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("narrows the list, the count and the map to the chosen governorate", async () => {
    const gov = byFrequency((p) => p.governorate?.id)[0] as string;
    const expected = idsMatching(data, { governorates: [gov] });

    const app = await openApp();
    await app.when.pickGovernorate(gov);
    expect(await app.get.shown()).toEqual({
      listed: expected,
      counted: expected.length,
      drawn: [...expected].sort(),
    });
  });

  it("keeps incidents of either of two event types", async () => {
    const [first, second] = byFrequency((p) => p.event_type) as [string, string];
    const expected = idsMatching(data, { types: [first, second] });

    const app = await openApp();
    await app.when.pickType(first);
    await app.when.pickType(second);
    expect(await app.get.listedIds()).toEqual(expected);
  });

  it("keeps only incidents matching both an event type and a governorate", async () => {
    const type = byFrequency((p) => p.event_type)[0] as string;
    const gov = byFrequency((p) => (p.event_type === type ? p.governorate?.id : undefined))[0] as string;
    const expected = idsMatching(data, { types: [type], governorates: [gov] });
    expect(expected.length).toBeLessThan(idsMatching(data, { types: [type] }).length);

    const app = await openApp();
    await app.when.pickType(type);
    await app.when.pickGovernorate(gov);
    expect(await app.get.listedIds()).toEqual(expected);
  });
});
