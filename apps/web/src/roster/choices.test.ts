import { describe, expect, it } from "vitest";
import { i18next } from "../i18n/index.ts";
import "../i18n/roster.ts";
import "../i18n/sites.ts";
import { countyContacts, memberChoiceLabel, siteChoiceLabel } from "./choices.ts";

const zh = (key: string, options?: Record<string, unknown>) => i18next.t(key, { ...options, lng: "zh-CN" });
const en = (key: string, options?: Record<string, unknown>) => i18next.t(key, { ...options, lng: "en" });

const site = (contacts: { id: number; name: string; level: string }[]) => ({
  name: "柯城航埠低碳小镇党委",
  contacts,
});

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("a member's choice of site", () => {
  it("marks a site another county member links, and one none does; city-level contacts do not count", () => {
    const taken = site([
      { id: 1, name: "周文华", level: "COUNTY" },
      { id: 9, name: "吴小军", level: "CITY" },
    ]);
    expect(siteChoiceLabel(taken, 2, zh)).toBe("柯城航埠低碳小镇党委（已有联系委员：周文华）");
    expect(siteChoiceLabel(taken, 2, en)).toBe("柯城航埠低碳小镇党委 (contact: 周文华)");
    // The member's own link and a city-level contact leave the site free for the rule.
    expect(siteChoiceLabel(taken, 1, zh)).toBe("柯城航埠低碳小镇党委（无联系委员）");
    expect(countyContacts(taken, 1)).toEqual([]);
    const two = site([
      { id: 1, name: "周文华", level: "COUNTY" },
      { id: 3, name: "陈丽萍", level: "COUNTY" },
    ]);
    expect(siteChoiceLabel(two, 2, zh)).toBe("柯城航埠低碳小镇党委（已有联系委员：周文华、陈丽萍）");
  });
});

describe("a site's choice of contact member", () => {
  it("says which site a member links elsewhere, not the one being chosen for", () => {
    const member = { name: "陈丽萍", linkedSites: [{ organizationId: 7, name: "柯城沟溪乡愁小镇党委" }] };
    expect(memberChoiceLabel(member, 8, zh)).toBe("陈丽萍（已联系：柯城沟溪乡愁小镇党委）");
    expect(memberChoiceLabel(member, 8, en)).toBe("陈丽萍 (links 柯城沟溪乡愁小镇党委)");
    expect(memberChoiceLabel(member, 7, zh)).toBe("陈丽萍");
    expect(memberChoiceLabel({ name: "周晓东", linkedSites: [] }, 8, zh)).toBe("周晓东");
  });
});

describe("roster strings", () => {
  it("have the same keys in both languages, English without Chinese but proper names", () => {
    const zhKeys = keysOf(i18next.getResource("zh-CN", "translation", "roster")).sort();
    const enKeys = keysOf(i18next.getResource("en", "translation", "roster")).sort();
    expect(enKeys).toEqual(zhKeys);
    for (const key of enKeys) {
      const text = en(`roster.${key}`).replace(/衢两新〔2017〕3号|“三联一领”|市委两新工委/g, "");
      expect(text, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(zh("roster.title")).toBe("两新工委委员");
  });
});
