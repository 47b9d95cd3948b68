import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DIMENSION_KEYS,
  dimensionSubtotals,
  ITEM_KEYS,
  ITEM_MAX_SCORE,
  ITEM_SCORE_STEP,
  type ItemScores,
  isItemKey,
  parseItemScores,
  SCORE_SHEET,
  SHEET_MAX_TOTAL,
  sheetTotal,
  validateItemScore,
} from "./sheet.ts";

function allItems(score: number): ItemScores {
  return Object.fromEntries(ITEM_KEYS.map((key) => [key, score]));
}

describe("SCORE_SHEET", () => {
  it("has 5 dimensions of 5 items worth 4 points: 100 in all", () => {
    expect(SCORE_SHEET.map((d) => d.key)).toEqual(["1", "2", "3", "4", "5"]);
    for (const dimension of SCORE_SHEET) {
      expect(dimension.items.map((item) => item.key)).toEqual(
        [1, 2, 3, 4, 5].map((n) => `${dimension.key}.${n}`),
      );
      for (const item of dimension.items) expect(item.maxScore).toBe(ITEM_MAX_SCORE);
    }
    const max = SCORE_SHEET.flatMap((d) => d.items).reduce((sum, item) => sum + item.maxScore, 0);
    expect(max).toBe(SHEET_MAX_TOTAL);
    expect([ITEM_MAX_SCORE, ITEM_SCORE_STEP, SHEET_MAX_TOTAL]).toEqual([4, 0.5, 100]);
  });

  it("names the dimensions as the document does", () => {
    expect(SCORE_SHEET.map((d) => d.name)).toEqual([
      "组织凝聚力强",
      "队伍战斗力强",
      "发展推动力强",
      "文化支撑力强",
      "区域影响力强",
    ]);
  });

  // The printed table shifts its row labels; these pin the first and last item of every dimension
  // to the lists of DESIGN.md 1.1 so that a shift cannot creep back in.
  it.each([
    ["1.1", "党组织健全，班子配备完整，建制合理，隶属规范"],
    ["1.5", "联名承诺、联动考评、联合奖惩等“三联”考评制度落实到位"],
    ["2.1", "出资人支持重视党建工作，能定期参加党的活动"],
    ["2.3", "人才孵化培育、管理使用、竞争激励机制健全，党员人才占党员总量、人才总量比重达50%以上"],
    ["2.5", "实行发展党员和优秀党员“六优先”，双推工作机制落实到位"],
    ["3.1", "党建工作载体与两新组织生产经营深度融合、相互促进"],
    ["3.5", "引导两新组织热心社会公益事业，主动承担社会责任"],
    ["4.1", "具有自身特色的企业精神、经营宗旨和价值观念"],
    ["4.2", "和合文化“七个一”建设成效显著"],
    ["4.5", "党员职工学优看齐、对标赶超的氛围浓厚"],
    ["5.1", "党建工作在所在的乡镇（街道、园区）具有明显的示范效应，提炼形成特色鲜明的党建典型做法"],
    ["5.5", "有效领办区域性两新党建“书记项目”"],
  ])("item %s reads verbatim", (key, text) => {
    const item = SCORE_SHEET.flatMap((d) => d.items).find((i) => i.key === key);
    expect(item?.text).toBe(text);
  });

  it("keeps texts free of the (n) prefix and of stray whitespace", () => {
    for (const item of SCORE_SHEET.flatMap((d) => d.items)) {
      expect(item.text).not.toMatch(/^\(\d\)|^（\d）/);
      expect(item.text).toBe(item.text.trim());
      expect(item.text.length).toBeGreaterThan(10);
    }
  });

  it("cannot be changed by a caller", () => {
    expect(Object.isFrozen(SCORE_SHEET)).toBe(true);
    expect(Object.isFrozen(SCORE_SHEET[0]?.items[0])).toBe(true);
  });
});

describe("ITEM_KEYS", () => {
  it("lists the 25 keys in sheet order", () => {
    expect(ITEM_KEYS).toHaveLength(25);
    expect(ITEM_KEYS[0]).toBe("1.1");
    expect(ITEM_KEYS[5]).toBe("2.1");
    expect(ITEM_KEYS[24]).toBe("5.5");
    expect(new Set(ITEM_KEYS).size).toBe(25);
    expect(DIMENSION_KEYS).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("isItemKey knows them and nothing else", () => {
    expect(isItemKey("3.4")).toBe(true);
    for (const x of ["0.1", "1.6", "6.1", "1.10", "11", "1,1", 1.1, null]) expect(isItemKey(x)).toBe(false);
  });
});

describe("validateItemScore", () => {
  it.each([0, 0.5, 1, 2.5, 3.5, 4])("accepts %s", (value) => {
    expect(validateItemScore(value)).toBeNull();
  });

  it.each([-0.5, 4.5, 5, 100, -1e-9, 4 + 1e-9])("rejects %s as out of range", (value) => {
    expect(validateItemScore(value)).toBe("得分须在 0–4 之间");
  });

  it.each([0.25, 3.7, 0.1, 1.49])("rejects %s as not a multiple of 0.5", (value) => {
    expect(validateItemScore(value)).toBe("得分须为 0.5 的整数倍");
  });

  it.each([["3"], [""], [null], [undefined], [Number.NaN], [Number.POSITIVE_INFINITY], [true], [[3]]])(
    "rejects %s as not a number",
    (value) => {
      expect(validateItemScore(value)).toBe("得分须为数字");
    },
  );
});

describe("parseItemScores", () => {
  it("accepts a complete sheet and returns only the sheet's items", () => {
    const result = parseItemScores(allItems(3.5));
    expect(result).toEqual({ ok: true, items: allItems(3.5) });
  });

  it("names every missing item when the sheet must be complete (the default)", () => {
    const input = allItems(4);
    delete input["2.3"];
    delete input["5.5"];
    expect(parseItemScores(input)).toEqual({
      ok: false,
      errors: [
        { field: "2.3", message: "缺少该项得分" },
        { field: "5.5", message: "缺少该项得分" },
      ],
    });
  });

  it("counts null and undefined as missing (a cleared form field)", () => {
    const result = parseItemScores({ ...allItems(4), "1.2": null, "1.3": undefined });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual(["1.2", "1.3"]);
  });

  it("lets a draft leave items out", () => {
    expect(parseItemScores({ "1.1": 2, "4.4": 0 }, { complete: false })).toEqual({
      ok: true,
      items: { "1.1": 2, "4.4": 0 },
    });
    expect(parseItemScores({}, { complete: false })).toEqual({ ok: true, items: {} });
    expect(parseItemScores({ "1.1": null }, { complete: false })).toEqual({ ok: true, items: {} });
  });

  it("reports each bad value under its item key, in sheet order", () => {
    const result = parseItemScores({ "3.2": 4.5, "1.4": 0.3, "2.1": "3" }, { complete: false });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: "1.4", message: "得分须为 0.5 的整数倍" },
        { field: "2.1", message: "得分须为数字" },
        { field: "3.2", message: "得分须在 0–4 之间" },
      ],
    });
  });

  it("rejects keys that are not on the sheet, even in a draft", () => {
    expect(parseItemScores({ "1.1": 2, "6.1": 2, total: 100 }, { complete: false })).toEqual({
      ok: false,
      errors: [
        { field: "6.1", message: "未知的评分项" },
        { field: "total", message: "未知的评分项" },
      ],
    });
  });

  it.each([[null], [undefined], [[1, 2]], ["1.1=3"], [42]])("rejects %s as not an object", (input) => {
    const result = parseItemScores(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(1);
  });
});

describe("sheetTotal", () => {
  it("is 0 for an empty sheet and 100 for a perfect one", () => {
    expect(sheetTotal({})).toBe(0);
    expect(sheetTotal(allItems(4))).toBe(100);
  });

  it("adds half points exactly", () => {
    expect(sheetTotal(allItems(3.5))).toBe(87.5);
    expect(sheetTotal({ ...allItems(4), "1.1": 3.5 })).toBe(99.5);
  });

  it("ignores keys that are not on the sheet", () => {
    expect(sheetTotal({ "1.1": 4, total: 100 })).toBe(4);
  });

  it("rounds unvalidated float noise to the half-point step", () => {
    expect(sheetTotal({ "1.1": 0.1, "1.2": 0.2, "1.3": 2.7 })).toBe(3);
  });
});

describe("dimensionSubtotals", () => {
  it("sums each dimension on its own", () => {
    const items: ItemScores = { ...allItems(4), "2.1": 3.5, "2.5": 0, "5.3": 1 };
    expect(dimensionSubtotals(items)).toEqual({ "1": 20, "2": 15.5, "3": 20, "4": 20, "5": 17 });
  });

  it("adds up to the sheet total", () => {
    const items: ItemScores = Object.fromEntries(ITEM_KEYS.map((key, i) => [key, (i % 9) / 2]));
    const subtotals = Object.values(dimensionSubtotals(items));
    expect(subtotals.reduce((a, b) => a + b, 0)).toBe(sheetTotal(items));
  });

  it("is all zero for an empty draft", () => {
    expect(dimensionSubtotals({})).toEqual({ "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 });
  });
});

describe("the sheet as published", () => {
  it("keeps all 25 item texts, their order and their dimensions exactly (pinned by hash)", () => {
    // Copied from DESIGN.md 1.1 (the corrected dimensions); any edit, swap or move changes the hash.
    const hash = createHash("sha256").update(JSON.stringify(SCORE_SHEET)).digest("hex");
    expect(hash).toBe("8e64c02a8247ac98753b3b011972a1986a18961c8718be124c0620db51e9f83f");
  });
});
