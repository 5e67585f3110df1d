/// <reference lib="webworker" />

import borderRegion from "../../data/reference/border-region.geojson?raw";
import governorates from "../../data/reference/governorates.geojson?raw";
import towns from "../../data/reference/towns.geojson?raw";
import { localIsoDay } from "../core/dates.ts";
import { checkSheets, pickSheetFiles, type SheetBytes, unpackZips } from "../pipeline/check-sheets.ts";
import type { ReferenceData } from "../pipeline/index.ts";
import type { CheckReply, CheckRequest } from "./check-protocol.ts";

/**
 * The check worker: runs data:check's build on the files the maintainer opened, away from the page's thread.
 * The reference data is bundled, so nothing is fetched; the files never leave this tab.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
let reference: ReferenceData | null = null;

scope.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { id, files } = event.data;
  try {
    reference ??= {
      region: JSON.parse(borderRegion),
      governorates: JSON.parse(governorates),
      towns: JSON.parse(towns),
    };
    const { sheets, ignored } = pickSheetFiles(unpackZips(files));
    const bytes: SheetBytes = {};
    const used: string[] = [];
    for (const [name, file] of Object.entries(sheets)) {
      bytes[name as keyof SheetBytes] = file.data;
      used.push(file.path);
    }
    const report = checkSheets(bytes, reference, localIsoDay(new Date()));
    const transfer: Transferable[] = [];
    if (report.geojson) transfer.push(report.geojson.buffer);
    for (const data of report.table?.values() ?? []) transfer.push(data.buffer);
    const reply: CheckReply = { id, report, used, ignored };
    scope.postMessage(reply, transfer);
  } catch (error) {
    const reply: CheckReply = { id, failure: error instanceof Error ? error.message : String(error) };
    scope.postMessage(reply);
  }
};
