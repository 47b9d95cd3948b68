import { describe, expect, it } from "vitest";
import {
  APPENDIX2_REFUSALS,
  APPENDIX2_STATUSES,
  type Appendix2Action,
  type Appendix2Refusal,
  type Appendix2Status,
  appendix2NextActor,
  appendix2Warnings,
  checkAppendix2Action,
} from "./appendix2.ts";
import { ROLES, type Role } from "./codes.ts";

const ACTIONS: readonly Appendix2Action[] = ["SUBMIT", "RECEIVE", "RETURN"];

const check = (action: Appendix2Action, status: Appendix2Status, role: Role, ownUnit: boolean) =>
  checkAppendix2Action({ action, status, role, ownUnit });

const refused = (code: Appendix2Refusal) => ({ ok: false, code, reason: APPENDIX2_REFUSALS[code] });

describe("checkAppendix2Action: SUBMIT", () => {
  const BY_OWN_COUNTY: Record<Appendix2Status, unknown> = {
    NOT_SUBMITTED: { ok: true },
    SUBMITTED: refused("ALREADY_SUBMITTED"),
    RETURNED: { ok: true },
    RECEIVED: refused("ALREADY_RECEIVED"),
  };

  it("lets the unit's county submit a first time and again after a return, but not twice or once received", () => {
    for (const status of APPENDIX2_STATUSES)
      expect(check("SUBMIT", status, "COUNTY", true), status).toEqual(BY_OWN_COUNTY[status]);
  });

  it("refuses everyone else in every status, another unit's county included", () => {
    for (const status of APPENDIX2_STATUSES) {
      for (const role of ROLES) {
        for (const ownUnit of [true, false]) {
          if (role === "COUNTY" && ownUnit) continue;
          expect(check("SUBMIT", status, role, ownUnit), `${status}/${role}/${ownUnit}`).toEqual(
            refused("NOT_SUBMITTER"),
          );
        }
      }
    }
  });
});

describe("checkAppendix2Action: RECEIVE and RETURN", () => {
  it("lets the city receive or return a submitted table only, whichever unit it is", () => {
    for (const action of ["RECEIVE", "RETURN"] as const) {
      for (const ownUnit of [true, false]) {
        expect(check(action, "SUBMITTED", "CITY", ownUnit)).toEqual({ ok: true });
        for (const status of ["NOT_SUBMITTED", "RETURNED", "RECEIVED"] as const)
          expect(check(action, status, "CITY", ownUnit), `${action}/${status}`).toEqual(
            refused("NOT_WAITING"),
          );
      }
    }
  });

  it("refuses every other level in every status", () => {
    for (const action of ["RECEIVE", "RETURN"] as const) {
      for (const status of APPENDIX2_STATUSES) {
        for (const role of ROLES.filter((r) => r !== "CITY")) {
          for (const ownUnit of [true, false]) {
            expect(check(action, status, role, ownUnit), `${action}/${status}/${role}/${ownUnit}`).toEqual(
              refused("NOT_RECEIVER"),
            );
          }
        }
      }
    }
  });
});

describe("checkAppendix2Action: the whole matrix", () => {
  it("allows exactly four combinations of action × status × role", () => {
    const allowed: string[] = [];
    for (const action of ACTIONS)
      for (const status of APPENDIX2_STATUSES)
        for (const role of ROLES)
          if (check(action, status, role, true).ok) allowed.push(`${action} ${status} ${role}`);
    expect(allowed.sort()).toEqual(
      [
        "SUBMIT NOT_SUBMITTED COUNTY",
        "SUBMIT RETURNED COUNTY",
        "RECEIVE SUBMITTED CITY",
        "RETURN SUBMITTED CITY",
      ].sort(),
    );
  });

  it("gives a Chinese reason with every refusal", () => {
    for (const reason of Object.values(APPENDIX2_REFUSALS)) expect(reason).toMatch(/附件2/);
  });
});

describe("appendix2NextActor", () => {
  it("is the county before a submission and after a return, the city while submitted, nobody once received", () => {
    expect(Object.fromEntries(APPENDIX2_STATUSES.map((s) => [s, appendix2NextActor(s)]))).toEqual({
      NOT_SUBMITTED: "COUNTY",
      SUBMITTED: "CITY",
      RETURNED: "COUNTY",
      RECEIVED: null,
    });
  });
});

describe("appendix2Warnings", () => {
  it("warns of nothing when every organisation has an initial total", () => {
    expect(appendix2Warnings([])).toEqual([]);
    expect(appendix2Warnings([{ initialTotal: 92 }, { initialTotal: 0 }])).toEqual([]);
  });

  it("counts the organisations without an initial evaluation", () => {
    expect(
      appendix2Warnings([{ initialTotal: null }, { initialTotal: 85.5 }, { initialTotal: null }]),
    ).toEqual(["2 个党组织尚未完成初评，将以空白报送"]);
    expect(appendix2Warnings([{ initialTotal: null }])).toEqual(["1 个党组织尚未完成初评，将以空白报送"]);
  });
});
