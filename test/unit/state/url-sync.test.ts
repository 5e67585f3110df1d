import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTableFiles } from "../../../src/core/table-writer.ts";
import type { KnownIds } from "../../../src/core/url-codec.ts";
import { withActorToggled, withCamera, withDateRange, withSelected } from "../../../src/core/view-actions.ts";
import { createStore, type Store } from "../../../src/state/store.ts";
import { createLocalTableService } from "../../../src/state/table-service.ts";
import { mountUrlSync, readViewFromLocation } from "../../../src/state/url-sync.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";

/** A minimal window with a session history, enough for url-sync (the unit tests run in Node). */
function createFakeWindow(start: string) {
  const entries: string[] = [start];
  let current = 0;
  const listeners: (() => void)[] = [];
  const url = () => new URL(entries[current] as string, "https://example.org");
  const win = {
    location: {
      get pathname() {
        return url().pathname;
      },
      get search() {
        return url().search;
      },
      get hash() {
        return url().hash;
      },
    },
    history: {
      state: null,
      pushState(_state: unknown, _title: string, href: string) {
        entries.splice(
          current + 1,
          entries.length,
          new URL(href, url()).href.replace("https://example.org", ""),
        );
        current += 1;
      },
      replaceState(_state: unknown, _title: string, href: string) {
        entries[current] = new URL(href, url()).href.replace("https://example.org", "");
      },
    },
    addEventListener(_type: string, listener: () => void) {
      listeners.push(listener);
    },
    removeEventListener(_type: string, listener: () => void) {
      listeners.splice(listeners.indexOf(listener), 1);
    },
    back() {
      current -= 1;
      for (const listener of listeners) listener();
    },
    get entries() {
      return entries.slice(0, current + 1);
    },
    get href() {
      return entries[current];
    },
  };
  return win;
}

const collection = createSyntheticCollection(50, { actors: 10 });
const service = await createLocalTableService(createTableFiles(collection));
const known: KnownIds = {
  actors: new Set(collection.meta.actors.map((a) => a.id)),
  sources: new Set(collection.meta.sources.map((s) => s.id)),
  types: new Set(collection.meta.event_types.map((t) => t.id)),
  governorates: new Set(collection.meta.governorates.map((g) => g.id)),
  incidents: new Set(collection.features.map((f) => f.properties.id)),
};

describe("mountUrlSync", () => {
  let fake: ReturnType<typeof createFakeWindow>;
  let store: Store;
  let dispose: () => void;
  let clock = 0;

  /** URL writes waiting for "the next paint"; `paint()` runs them. */
  let queued: (() => void)[] = [];
  function paint() {
    const writes = queued;
    queued = [];
    for (const write of writes) write();
  }

  /** `writeAtOnce`: each change's URL is written before update() returns, as if a frame were painted between. */
  function mount(start: string, writeAtOnce = true) {
    fake = createFakeWindow(start);
    (globalThis as { window?: unknown }).window = fake;
    store = createStore(service, readViewFromLocation(known).view);
    const schedule = writeAtOnce ? (write: () => void) => write() : (write: () => void) => queued.push(write);
    dispose = mountUrlSync(store, known, { now: () => clock, schedule });
  }

  beforeEach(() => {
    clock = 0;
    queued = [];
  });

  afterEach(() => {
    dispose();
    delete (globalThis as { window?: unknown }).window;
  });

  it("writes each discrete change as a new history entry and Back restores the view before it", () => {
    mount("/maps/syria/");
    store.update((v) => withActorToggled(v, "sdf"));
    clock += 5000;
    store.update((v) => withSelected(v, "incident-3"));
    expect(fake.entries).toEqual([
      "/maps/syria/",
      "/maps/syria/?actor=sdf",
      "/maps/syria/?actor=sdf&id=incident-3",
    ]);
    fake.back();
    expect(store.view.value.selected).toBeNull();
    expect(store.view.value.filters.actors).toEqual(["sdf"]);
    expect(fake.href).toBe("/maps/syria/?actor=sdf");
  });

  it("turns a brush drag into one entry and never adds one for a camera move", () => {
    mount("/");
    for (let day = 1; day <= 9; day++) {
      clock += 50;
      store.update((v) => withDateRange(v, "2024-01-01", `2024-02-0${day}`));
    }
    store.update((v) => withCamera(v, { zoom: 8, lat: 36, lon: 40 }));
    expect(fake.entries).toEqual(["/", "/?from=2024-01-01&to=2024-02-09#8/36/40"]);
  });

  it("rewrites a hand-made URL in its canonical form without adding an entry", () => {
    mount("/?q=al+hol&utm_source=x&lang=en");
    expect(fake.entries).toEqual(["/?q=al%20hol"]);
  });

  it("only replaces inside an embed, so the host page's Back button leaves the article", () => {
    mount("/?embed=1");
    store.update((v) => withActorToggled(v, "sdf"));
    clock += 5000;
    store.update((v) => withActorToggled(v, "isis"));
    expect(fake.entries).toEqual(["/?actor=sdf,isis&embed=1"]);
  });

  it("writes the URL after the change is painted: changes before it are one entry, a step if any was one", () => {
    mount("/", false);
    paint(); // the canonical first URL
    store.update((v) => withCamera(v, { zoom: 8, lat: 36, lon: 40 }));
    store.update((v) => withActorToggled(v, "sdf"));
    expect(fake.entries).toEqual(["/"]);
    paint();
    expect(fake.entries).toEqual(["/", "/?actor=sdf#8/36/40"]);
  });

  it("leaves a change and its undo before the next paint out of the history", () => {
    mount("/", false);
    paint();
    store.update((v) => withActorToggled(v, "sdf"));
    store.update((v) => withActorToggled(v, "sdf"));
    paint();
    expect(fake.entries).toEqual(["/"]);
  });

  it("does not write an unpainted change over the entry Back went to", () => {
    mount("/", false);
    store.update((v) => withActorToggled(v, "sdf"));
    paint();
    clock += 5000;
    store.update((v) => withActorToggled(v, "isis"));
    fake.back();
    paint();
    expect(fake.href).toBe("/");
    expect(store.view.value.filters.actors).toEqual([]);
  });
});
