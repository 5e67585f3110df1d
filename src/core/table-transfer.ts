import type { CoreTable } from "./incident-table.ts";

/**
 * A copy of `table` (what the page holds: no relations) whose every column owns its own buffer, and those buffers:
 * posted with them in the transfer list, the table reaches another thread at the cost of one copy made by the
 * sender. (Posting the table itself makes the browser serialise and rebuild each of its typed arrays, which at a
 * million incidents blocked the receiving page far longer than the copy; decoding table.bin again on the page put
 * that work on its busiest thread.)
 */
export function transferableCopy(table: CoreTable): { table: CoreTable; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const own = <T extends { slice(): T; buffer: ArrayBufferLike }>(column: T): T => {
    const copy = column.slice();
    transfer.push(copy.buffer as ArrayBuffer);
    return copy;
  };
  return {
    table: {
      ...table,
      dayStart: own(table.dayStart),
      dayEnd: own(table.dayEnd),
      endPrefixMax: own(table.endPrefixMax),
      lon: own(table.lon),
      lat: own(table.lat),
      radiusKm: own(table.radiusKm),
      type: own(table.type),
      governorate: own(table.governorate),
      flags: own(table.flags),
      datePrecision: own(table.datePrecision),
    },
    transfer,
  };
}
