import { describe, expect, it } from "vitest";
import { demonstrationSiteDuties } from "./duties.ts";

const allMet = { grade: "EXCELLENT", countyDualManaged: true, countyContactCount: 1, beltCount: 1 } as const;

describe("demonstrationSiteDuties", () => {
  it("lists the three duties of a 优秀 site, all met", () => {
    expect(demonstrationSiteDuties(allMet)).toEqual([
      { duty: "COUNTY_DUAL_MANAGEMENT", met: true },
      { duty: "COMMITTEE_CONTACT", met: true },
      { duty: "ON_A_BELT", met: true },
    ]);
  });

  it("reports each missing duty on its own", () => {
    const unmet = (overrides: object) =>
      demonstrationSiteDuties({ ...allMet, ...overrides })
        .filter((d) => !d.met)
        .map((d) => d.duty);
    expect(unmet({ countyDualManaged: false })).toEqual(["COUNTY_DUAL_MANAGEMENT"]);
    expect(unmet({ countyContactCount: 0 })).toEqual(["COMMITTEE_CONTACT"]);
    expect(unmet({ beltCount: 0 })).toEqual(["ON_A_BELT"]);
  });

  it("gives no duties to an organisation that is not 优秀 (or not graded)", () => {
    expect(demonstrationSiteDuties({ ...allMet, grade: "GOOD" })).toEqual([]);
    expect(demonstrationSiteDuties({ ...allMet, grade: null })).toEqual([]);
  });
});
