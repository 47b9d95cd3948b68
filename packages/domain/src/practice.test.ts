import { describe, expect, it } from "vitest";
import { checkPracticeSelection } from "./practice.ts";

const base = {
  officialGrade: "EXCELLENT",
  alreadySelected: false,
  selectedInUnit: 5,
  practiceQuota: 6,
  title: "红色工匠",
};

describe("checkPracticeSelection", () => {
  it("accepts the last place of the quota", () => {
    expect(checkPracticeSelection(base)).toEqual({ ok: true });
  });

  it("refuses once the quota is reached", () => {
    expect(checkPracticeSelection({ ...base, selectedInUnit: 6 })).toMatchObject({
      ok: false,
      field: "organizationId",
    });
  });

  it("refuses organisations not officially 优秀", () => {
    expect(checkPracticeSelection({ ...base, officialGrade: "GOOD" })).toMatchObject({ ok: false });
    expect(checkPracticeSelection({ ...base, officialGrade: null })).toMatchObject({ ok: false });
  });

  it("refuses a second selection and a blank title", () => {
    expect(checkPracticeSelection({ ...base, alreadySelected: true })).toMatchObject({ ok: false });
    expect(checkPracticeSelection({ ...base, title: "  " })).toMatchObject({ ok: false, field: "title" });
  });
});
