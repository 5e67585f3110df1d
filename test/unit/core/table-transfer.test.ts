import { describe, expect, it } from "vitest";
import { readTableFiles } from "../../../src/core/decode-table.ts";
import { transferableCopy } from "../../../src/core/table-transfer.ts";
import { createTableFiles } from "../../../src/core/table-writer.ts";
import { createSyntheticCollection } from "../../bench/synthetic-incidents.ts";

/** Posts `value` through a message channel with `transfer`, as the data worker posts the table to the page. */
function post<T>(value: T, transfer: ArrayBuffer[]): Promise<T> {
  const channel = new MessageChannel();
  return new Promise<T>((resolve) => {
    channel.port2.onmessage = (event) => {
      channel.port1.close();
      channel.port2.close();
      resolve(event.data as T);
    };
    channel.port1.postMessage(value, transfer);
  });
}

describe("the table the data worker hands to the page", () => {
  it("arrives with every column and dictionary equal to the worker's, and the worker keeps its own", async () => {
    const table = readTableFiles(createTableFiles(createSyntheticCollection(500)));
    const before = structuredClone(table);
    const copy = transferableCopy(table);
    const received = await post(copy.table, copy.transfer);
    expect(received).toEqual(before);
    // The worker's columns are not the ones it gave away: it still filters with them.
    expect(table).toEqual(before);
    expect(table.lon.length).toBe(500);
    expect(copy.transfer.length).toBe(new Set(copy.transfer).size);
  });
});
