import { describe, expect, it } from "vitest";
import { datasetCredits } from "../../../src/core/dataset-credits.ts";

describe("datasetCredits", () => {
  it("credits nothing for curated sources only", () => {
    expect(datasetCredits([{ id: "src-001" }, { id: "src-ucdp" }])).toEqual([]);
  });

  it("credits each dataset the sources come from once, UCDP before ACLED", () => {
    expect(
      datasetCredits([{ id: "src-acled-syr1" }, { id: "src-ucdp-900001" }, { id: "src-ucdp-900002" }]),
    ).toEqual(["UCDP GED (CC BY 4.0)", "ACLED (acleddata.com)"]);
  });
});
