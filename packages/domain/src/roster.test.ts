import { describe, expect, it } from "vitest";
import { checkContactAssignment, MEMBER_LIMITS, rosterCompliance, validateMember } from "./roster.ts";

describe("validateMember", () => {
  it("accepts a name with or without a title", () => {
    expect(validateMember({ name: "张三", title: "县委组织部副部长" })).toEqual([]);
    expect(validateMember({ name: "张三", title: "" })).toEqual([]);
  });

  it("asks for a name", () => {
    expect(validateMember({ name: "", title: "" })).toEqual([{ field: "name", message: "请填写委员姓名" }]);
    expect(validateMember({ name: " \u3000 ", title: "" })).toEqual([
      { field: "name", message: "请填写委员姓名" },
    ]);
  });

  it("limits the name to 20 characters, trimmed", () => {
    expect(MEMBER_LIMITS.name).toBe(20);
    expect(validateMember({ name: "名".repeat(21), title: "" })).toEqual([
      { field: "name", message: "姓名最多 20 个字" },
    ]);
    expect(validateMember({ name: "名".repeat(20), title: "" })).toEqual([]);
    expect(validateMember({ name: `  ${"名".repeat(20)}  `, title: "" })).toEqual([]);
  });

  it("limits the title to 60 characters, trimmed", () => {
    expect(validateMember({ name: "张三", title: "职".repeat(61) })).toEqual([
      { field: "title", message: "职务最多 60 个字" },
    ]);
    expect(validateMember({ name: "张三", title: ` ${"职".repeat(60)} ` })).toEqual([]);
  });

  it("reports both problems at once", () => {
    expect(validateMember({ name: "", title: "职".repeat(61) }).map((p) => p.field)).toEqual([
      "name",
      "title",
    ]);
  });
});

describe("checkContactAssignment", () => {
  const countyMember = { name: "张三", active: true, level: "COUNTY", unitId: "KECHENG" } as const;
  const cityMember = { name: "李四", active: true, level: "CITY", unitId: null } as const;
  const site = { unitId: "KECHENG", isDemonstrationSite: true };

  it("lets an active county member link a demonstration site of its own unit", () => {
    expect(checkContactAssignment({ member: countyMember, site, otherSiteOfMember: null })).toEqual({
      ok: true,
    });
  });

  it("refuses an inactive member, by name", () => {
    expect(
      checkContactAssignment({ member: { ...countyMember, active: false }, site, otherSiteOfMember: null }),
    ).toEqual({ ok: false, field: "memberId", message: "张三已停用，不能再联系示范点" });
    expect(
      checkContactAssignment({ member: { ...cityMember, active: false }, site, otherSiteOfMember: null }),
    ).toMatchObject({ ok: false, field: "memberId", message: "李四已停用，不能再联系示范点" });
  });

  it("refuses a county member for another unit's site", () => {
    expect(
      checkContactAssignment({
        member: countyMember,
        site: { unitId: "QUJIANG", isDemonstrationSite: true },
        otherSiteOfMember: null,
      }),
    ).toEqual({ ok: false, field: "memberId", message: "请选择本单位的县级两新工委委员" });
    expect(
      checkContactAssignment({ member: { ...countyMember, unitId: null }, site, otherSiteOfMember: null }),
    ).toMatchObject({ ok: false, field: "memberId" });
  });

  it("lets a city member link a site of any unit", () => {
    for (const unitId of ["KECHENG", "QUJIANG", "JINGXIN", "WEST_ZONE"]) {
      expect(
        checkContactAssignment({
          member: cityMember,
          site: { unitId, isDemonstrationSite: true },
          otherSiteOfMember: null,
        }),
      ).toEqual({ ok: true });
    }
  });

  it("refuses an organisation that is not a demonstration site, on the organisation field", () => {
    for (const member of [countyMember, cityMember]) {
      expect(
        checkContactAssignment({
          member,
          site: { unitId: "KECHENG", isDemonstrationSite: false },
          otherSiteOfMember: null,
        }),
      ).toEqual({
        ok: false,
        field: "organizationId",
        message: "只有示范点（评定为优秀）可以作为委员联系点",
      });
    }
  });

  it("refuses a member who already links another site, naming that site", () => {
    for (const member of [countyMember, cityMember]) {
      expect(
        checkContactAssignment({ member, site, otherSiteOfMember: { name: "衢州某科技有限公司" } }),
      ).toEqual({
        ok: false,
        field: "memberId",
        message: `${member.name}已联系“衢州某科技有限公司”，每位委员只联系一家示范点；请先解除原联系点`,
      });
    }
  });

  it("reports the inactive member first when several things are wrong", () => {
    const check = checkContactAssignment({
      member: { ...countyMember, active: false },
      site: { unitId: "QUJIANG", isDemonstrationSite: false },
      otherSiteOfMember: { name: "别家" },
    });
    expect(check).toMatchObject({ ok: false, message: "张三已停用，不能再联系示范点" });
  });
});

describe("rosterCompliance", () => {
  it("passes when every active member links exactly one site and every site has a contact", () => {
    expect(
      rosterCompliance({
        activeMemberIds: [1, 2],
        siteIds: [10, 11],
        contacts: [
          { memberId: 1, organizationId: 10 },
          { memberId: 2, organizationId: 11 },
        ],
      }),
    ).toEqual({
      membersWithoutSite: [],
      membersWithSeveralSites: [],
      sitesWithoutContact: [],
      sitesWithContact: 2,
      passed: true,
    });
  });

  it("passes with two members sharing one site", () => {
    const check = rosterCompliance({
      activeMemberIds: [1, 2],
      siteIds: [10],
      contacts: [
        { memberId: 1, organizationId: 10 },
        { memberId: 2, organizationId: 10 },
      ],
    });
    expect(check).toMatchObject({ passed: true, sitesWithContact: 1 });
  });

  it("passes with nothing at all", () => {
    expect(rosterCompliance({ activeMemberIds: [], siteIds: [], contacts: [] })).toMatchObject({
      passed: true,
      sitesWithContact: 0,
    });
  });

  it("fails on an active member linking no site", () => {
    const check = rosterCompliance({
      activeMemberIds: [1, 2],
      siteIds: [10],
      contacts: [{ memberId: 1, organizationId: 10 }],
    });
    expect(check).toMatchObject({ membersWithoutSite: [2], membersWithSeveralSites: [], passed: false });
  });

  it("fails on an active member linking several sites", () => {
    const check = rosterCompliance({
      activeMemberIds: [1],
      siteIds: [10, 11],
      contacts: [
        { memberId: 1, organizationId: 10 },
        { memberId: 1, organizationId: 11 },
      ],
    });
    expect(check).toEqual({
      membersWithoutSite: [],
      membersWithSeveralSites: [1],
      sitesWithoutContact: [],
      sitesWithContact: 2,
      passed: false,
    });
  });

  it("counts the same contact recorded twice as one site", () => {
    const check = rosterCompliance({
      activeMemberIds: [1],
      siteIds: [10],
      contacts: [
        { memberId: 1, organizationId: 10 },
        { memberId: 1, organizationId: 10 },
      ],
    });
    expect(check).toMatchObject({ membersWithSeveralSites: [], passed: true });
  });

  it("fails on a site without a contact, even with no members", () => {
    expect(rosterCompliance({ activeMemberIds: [], siteIds: [10, 11], contacts: [] })).toEqual({
      membersWithoutSite: [],
      membersWithSeveralSites: [],
      sitesWithoutContact: [10, 11],
      sitesWithContact: 0,
      passed: false,
    });
  });

  it("ignores contacts of inactive members: their site has no contact", () => {
    const check = rosterCompliance({
      activeMemberIds: [1],
      siteIds: [10, 11],
      contacts: [
        { memberId: 1, organizationId: 10 },
        { memberId: 9, organizationId: 11 },
      ],
    });
    expect(check).toMatchObject({ sitesWithoutContact: [11], sitesWithContact: 1, passed: false });
  });

  it("ignores contacts to organisations that are not sites (any more)", () => {
    const check = rosterCompliance({
      activeMemberIds: [1, 2],
      siteIds: [10],
      contacts: [
        { memberId: 1, organizationId: 10 },
        // Member 2's contact was delisted: it links no site now.
        { memberId: 2, organizationId: 99 },
        // Member 1 linking a non-site as well does not make it link several sites.
        { memberId: 1, organizationId: 98 },
      ],
    });
    expect(check).toEqual({
      membersWithoutSite: [2],
      membersWithSeveralSites: [],
      sitesWithoutContact: [],
      sitesWithContact: 1,
      passed: false,
    });
  });

  it("reports every kind of problem at once, in the order of the facts", () => {
    const check = rosterCompliance({
      activeMemberIds: [3, 1, 2, 4],
      siteIds: [12, 10, 11, 13],
      contacts: [
        { memberId: 1, organizationId: 10 },
        { memberId: 1, organizationId: 11 },
        { memberId: 2, organizationId: 12 },
      ],
    });
    expect(check).toEqual({
      membersWithoutSite: [3, 4],
      membersWithSeveralSites: [1],
      sitesWithoutContact: [13],
      sitesWithContact: 3,
      passed: false,
    });
  });
});
