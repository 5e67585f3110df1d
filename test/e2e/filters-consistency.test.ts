import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { dayNumberToIsoDay, isoDayToDayNumber } from "../../src/core/day-number.ts";
import type { IncidentCollection, IncidentFeature } from "../../src/core/incident.ts";
import type { ActorRole, Filters } from "../../src/core/view-state.ts";
import { type AppDriver, given, idsMatching, type SharedBrowser, servedData } from "./driver/index.ts";

/**
 * One filter implementation, one state: for random filter combinations the map draws exactly the incidents
 * the list shows, the count states their number, and the pure filter (run in Node) agrees.
 */

const baseUrl = inject("baseUrl");
const SEED = 20260505;
const COMBINATIONS = 8;
let browser: SharedBrowser;
let data: IncidentCollection;
let app: AppDriver | undefined;

beforeAll(async () => {
  [browser, data] = await Promise.all([given.browser(), servedData(baseUrl)]);
});
afterAll(async () => browser?.close());
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** mulberry32: a small seeded PRNG, so a failing combination can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "date" | "actor" | "source" | "type" | "gov" | "q";
const KINDS: readonly Kind[] = ["date", "actor", "source", "type", "gov", "q"];

/**
 * Filters built around one incident (so the result is rarely empty), sometimes widened by a second value
 * picked anywhere in the data (so OR within a filter is exercised too).
 */
function combination(collection: IncidentCollection, random: () => number): Partial<Filters> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const anchor = pick(collection.features) as IncidentFeature;
  const p = anchor.properties;
  const other = pick(collection.features).properties;
  const kinds = [...KINDS].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3));
  const filters: Partial<Filters> = {};
  for (const kind of kinds) {
    if (kind === "date") {
      const start = isoDayToDayNumber(p.date_start);
      filters.from = dayNumberToIsoDay(start - Math.floor(random() * 90));
      filters.to = dayNumberToIsoDay(start + Math.floor(random() * 400));
    } else if (kind === "actor") {
      const roles: [string, ActorRole][] = [
        ...p.perpetrators.map((a): [string, ActorRole] => [a.id, "perpetrator"]),
        ...p.targets.map((a): [string, ActorRole] => [a.id, "target"]),
        ...p.claims.map((c): [string, ActorRole] => [c.claimant.id, "claimant"]),
      ];
      const [actor, role] = pick(roles);
      filters.actors = random() < 0.3 && other.perpetrators[0] ? [actor, other.perpetrators[0].id] : [actor];
      filters.role = random() < 0.3 ? "any" : role;
    } else if (kind === "source") {
      const source = pick(p.claims).source.id;
      const extra = other.claims[0]?.source.id;
      filters.sources = random() < 0.3 && extra && extra !== source ? [source, extra] : [source];
    } else if (kind === "type") {
      filters.types =
        random() < 0.3 && other.event_type !== p.event_type
          ? [p.event_type, other.event_type]
          : [p.event_type];
    } else if (kind === "gov" && p.governorate) {
      filters.governorates = [p.governorate.id];
    } else if (kind === "q") {
      const words = p.title.en.split(/[^A-Za-z]+/).filter((w) => w.length >= 4);
      if (words.length > 0) filters.q = pick(words);
    }
  }
  return filters;
}

function describeFilters(filters: Partial<Filters>): string {
  return Object.entries(filters)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`)
    .join(" ");
}

/** Sets `filters` through the filter bar, as a reader would. */
async function applyThroughTheUi(app: AppDriver, filters: Partial<Filters>): Promise<void> {
  if (filters.from !== undefined || filters.to !== undefined) {
    await app.when.setDates(filters.from ?? null, filters.to ?? null);
  }
  for (const id of filters.actors ?? []) await app.when.pickActor(id);
  if (filters.role) await app.when.chooseRole(filters.role);
  for (const id of filters.sources ?? []) await app.when.pickSource(id);
  for (const id of filters.types ?? []) await app.when.pickType(id);
  for (const id of filters.governorates ?? []) await app.when.pickGovernorate(id);
  if (filters.q) await app.when.search(filters.q);
}

// The combinations are drawn from the built data at collection time so that each gets its own named test.
const built = JSON.parse(readFileSync("public/data/incidents.geojson", "utf8")) as IncidentCollection;
const random = prng(SEED);
const combinations = Array.from({ length: COMBINATIONS }, () => combination(built, random));

describe(`map, list, count and the pure filter agree (seed ${SEED})`, () => {
  for (const [n, filters] of combinations.entries()) {
    it(`combination ${n + 1}: ${describeFilters(filters)}`, async () => {
      const expected = idsMatching(data, filters);
      app = await browser.open(baseUrl);
      await app.when.waitForMap();
      await applyThroughTheUi(app, filters);
      const shown = await app.get.shown();
      expect(shown.drawn).toEqual([...shown.listed].sort());
      expect(shown.counted).toBe(shown.listed.length);
      expect(shown.listed).toEqual(expected);
    });
  }
});
