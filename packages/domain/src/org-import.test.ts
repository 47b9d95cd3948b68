import { describe, expect, it } from "vitest";
import { ORG_KINDS, SETUP_KINDS } from "./codes.ts";
import { LABELS_ZH } from "./labels.ts";
import {
  cleanCellText,
  closeMatches,
  duplicateRows,
  escapeSpreadsheetCell,
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  type ImportContext,
  type ImportKey,
  mapHeaders,
  organizationNameKey,
  parseImportRow,
} from "./org-import.ts";

const CONTEXT: ImportContext = {
  units: [
    { id: "KECHENG", name: "柯城区" },
    { id: "QUJIANG", name: "衢江区" },
    { id: "JINGXIN", name: "市经信委" },
    { id: "GREEN_ZONE", name: "市绿色产业集聚区" },
  ],
  townships: [
    { id: "KC-HANGBU", name: "航埠镇", unitId: "KECHENG" },
    { id: "KC-XINAN", name: "信安街道", unitId: "KECHENG" },
    { id: "KC-FUQIANG", name: "府山街道", unitId: "KECHENG" },
    { id: "QJ-ZHANGTAN", name: "樟潭街道", unitId: "QUJIANG" },
    { id: "QJ-NIANLI", name: "廿里镇", unitId: "QUJIANG" },
    { id: "GZ-PARK", name: "高新园区", unitId: "GREEN_ZONE" },
  ],
  defaultSystem: "GCJ02",
};

const VALID: Partial<Record<ImportKey, unknown>> = {
  code: "91330800MA2A0001X",
  name: "衢州某某科技有限公司党支部",
  kind: "非公企业",
  unit: "柯城区",
  township: "航埠镇",
  address: "柯城区航埠镇某某路 1 号",
  lng: 118.87,
  lat: 28.94,
  system: "",
  memberCount: 12,
  countyDualManaged: null,
};

function parse(overrides: Partial<Record<ImportKey, unknown>>) {
  return parseImportRow({ ...VALID, ...overrides }, CONTEXT);
}

/** The single problem of a row that differs from VALID by `overrides`. */
function onlyProblem(overrides: Partial<Record<ImportKey, unknown>>) {
  const { row, problems } = parse(overrides);
  expect(row).toBeNull();
  expect(problems).toHaveLength(1);
  const [problem] = problems;
  if (!problem) throw new Error("no problem");
  return problem;
}

describe("IMPORT_COLUMNS", () => {
  it("lists the template's thirteen columns in order", () => {
    expect(IMPORT_COLUMNS.map((c) => [c.key, c.header, c.required])).toEqual([
      ["code", "组织编码", false],
      ["name", "党组织名称", true],
      ["kind", "类型", true],
      ["unit", "所属单位", true],
      ["township", "乡镇（街道、园区）", true],
      ["address", "地址", true],
      ["lng", "经度", true],
      ["lat", "纬度", true],
      ["system", "坐标系", false],
      ["memberCount", "党员数", true],
      ["countyDualManaged", "纳入县级双重管理", false],
      ["setupKind", "组建方式", false],
      ["entityOperated", "实体运作", false],
    ]);
  });

  it("gives every column a Chinese hint saying whether it is required", () => {
    for (const c of IMPORT_COLUMNS) expect(c.hint.startsWith(c.required ? "必填" : "选填")).toBe(true);
    const kind = IMPORT_COLUMNS.find((c) => c.key === "kind");
    for (const k of ORG_KINDS) expect(kind?.hint).toContain(LABELS_ZH.orgKind[k]);
    const setup = IMPORT_COLUMNS.find((c) => c.key === "setupKind");
    for (const k of SETUP_KINDS) expect(setup?.hint).toContain(`“${LABELS_ZH.setupKind[k]}”`);
    expect(setup?.hint).toContain("留空视为单建");
    expect(setup?.hint).toContain("争创对象");
    expect(IMPORT_COLUMNS.find((c) => c.key === "entityOperated")?.hint).toBe(
      "选填。是否实体运作：填“是”或“否”，留空视为是。",
    );
  });

  it("never lets two columns claim the same header", () => {
    const all = IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.aliases]);
    const mapped = mapHeaders(all);
    expect(mapped.unknown).toEqual([]);
    // Every alias maps back to its own column: reading a row of one column's names yields that column.
    for (const c of IMPORT_COLUMNS) {
      for (const h of [c.header, ...c.aliases]) expect(mapHeaders([h]).columns).toEqual({ [c.key]: 0 });
    }
  });

  it("exports the file limits", () => {
    expect(IMPORT_LIMITS).toEqual({ maxRows: 20000, maxCellLength: 1000 });
  });
});

describe("mapHeaders", () => {
  it("maps the template's own header row", () => {
    const result = mapHeaders(IMPORT_COLUMNS.map((c) => c.header));
    expect(result).toEqual({
      columns: {
        code: 0,
        name: 1,
        kind: 2,
        unit: 3,
        township: 4,
        address: 5,
        lng: 6,
        lat: 7,
        system: 8,
        memberCount: 9,
        countyDualManaged: 10,
        setupKind: 11,
        entityOperated: 12,
      },
      missing: [],
      unknown: [],
      duplicated: [],
    });
  });

  it("normalises: required marker, spaces, parentheses of either width, Latin case, a CSV's BOM", () => {
    const result = mapHeaders([
      "\uFEFF*党组织名称",
      " 经度 ",
      "乡镇(街道、园区)",
      "县(市、区)",
      "类 型*",
      "＊地址",
      "LATITUDE",
      "党员人数",
    ]);
    expect(result.columns).toEqual({
      name: 0,
      lng: 1,
      township: 2,
      unit: 3,
      kind: 4,
      address: 5,
      lat: 6,
      memberCount: 7,
    });
    expect(result.missing).toEqual([]);
  });

  it("accepts the aliases, x/y in either case", () => {
    expect(
      mapHeaders(["编码", "名称", "组织类型", "单位", "乡镇街道", "详细地址", "x", "Y"]).columns,
    ).toEqual({
      code: 0,
      name: 1,
      kind: 2,
      unit: 3,
      township: 4,
      address: 5,
      lng: 6,
      lat: 7,
    });
    expect(mapHeaders(["统一社会信用代码", "lng", "Longitude"]).columns.code).toBe(0);
    expect(mapHeaders(["党组织组建方式", "是否实体运作"]).columns).toEqual({
      setupKind: 0,
      entityOperated: 1,
    });
    expect(mapHeaders(["单建/联建", "*实体运作"]).columns).toEqual({ setupKind: 0, entityOperated: 1 });
  });

  it("lists the required columns missing, in template order; optional ones are never missing", () => {
    expect(mapHeaders(["党组织名称", "地址"]).missing).toEqual([
      "kind",
      "unit",
      "township",
      "lng",
      "lat",
      "memberCount",
    ]);
    expect(mapHeaders([]).missing).toEqual(IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key));
  });

  it("keeps unknown headers as written, and skips blank and non-text cells", () => {
    const result = mapHeaders(["党组织名称", " 联系电话 ", "", "  ", null, undefined, true, "备注"]);
    expect(result.unknown).toEqual(["联系电话", "备注"]);
    expect(result.columns).toEqual({ name: 0 });
  });

  it("uses the first of two headers for one column and reports the later one", () => {
    const result = mapHeaders(["名称", "经度", "党组织名称", "lng", "名称"]);
    expect(result.columns).toEqual({ name: 0, lng: 1 });
    expect(result.duplicated).toEqual(["党组织名称", "lng", "名称"]);
  });
});

describe("closeMatches", () => {
  const UNITS = ["柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县", "市经信委"];

  it("finds a name missing its suffix by containment", () => {
    expect(closeMatches("柯城", UNITS)).toEqual(["柯城区"]);
    expect(closeMatches("经信委", UNITS)).toEqual(["市经信委"]);
  });

  it("finds a one-character typo", () => {
    expect(closeMatches("渠江区", UNITS)).toEqual(["衢江区"]);
    expect(closeMatches("enterprize", ["ENTERPRISE", "OTHER"])).toEqual(["ENTERPRISE"]);
  });

  it("ranks equal (after normalising) before containment before typos, and keeps at most `max`", () => {
    expect(closeMatches(" 柯 城区 ", UNITS)).toEqual(["柯城区"]);
    const names = ["航埠镇二村", "航埠镇", "杭埠镇", "航埠"];
    expect(closeMatches("航埠镇", names)).toEqual(["航埠镇", "航埠", "航埠镇二村"]);
    expect(closeMatches("航埠镇", names, 2)).toEqual(["航埠镇", "航埠"]);
    expect(closeMatches("航埠镇", ["杭埠镇"])).toEqual(["杭埠镇"]);
    expect(closeMatches("航埠镇", names, 0)).toEqual([]);
  });

  it("suggests nothing for an unrelated or empty input, or a single shared character", () => {
    expect(closeMatches("江山", ["龙游县", "开化县"])).toEqual([]);
    expect(closeMatches("区", UNITS)).toEqual([]);
    expect(closeMatches("", UNITS)).toEqual([]);
    expect(closeMatches("柯城", [])).toEqual([]);
  });

  it("lists a candidate repeated in the input once", () => {
    expect(closeMatches("柯城", ["柯城区", "柯城区 "])).toEqual(["柯城区"]);
  });
});

describe("parseImportRow", () => {
  it("parses a valid row; empty optional cells take their defaults (坐标系 the file's, 双重管理 否, 单建, 实体运作)", () => {
    expect(parse({})).toEqual({
      row: {
        code: "91330800MA2A0001X",
        name: "衢州某某科技有限公司党支部",
        kind: "ENTERPRISE",
        unitId: "KECHENG",
        townshipId: "KC-HANGBU",
        address: "柯城区航埠镇某某路 1 号",
        lng: 118.87,
        lat: 28.94,
        system: "GCJ02",
        memberCount: 12,
        countyDualManaged: false,
        setupKind: "SINGLE",
        entityOperated: true,
      },
      problems: [],
    });
  });

  it("trims text and accepts an empty code as none", () => {
    const { row } = parse({ code: "  ", name: "  某某党支部 ", unit: " 柯城区", township: "航埠镇 " });
    expect(row).toMatchObject({ code: null, name: "某某党支部", unitId: "KECHENG", townshipId: "KC-HANGBU" });
    expect(parse({ code: null }).row?.code).toBeNull();
    expect(parse({ code: 330802 }).row?.code).toBe("330802");
  });

  it.each(IMPORT_COLUMNS.filter((c) => c.required).map((c) => [c.key, c.header] as const))(
    "refuses an empty required column %s",
    (key, header) => {
      for (const empty of [null, undefined, "", "   "]) {
        const problem = onlyProblem({ [key]: empty });
        expect(problem).toEqual({ column: key, header, message: `「${header}」不能为空` });
      }
    },
  );

  it("reports every problem of a row, in column order", () => {
    const { row, problems } = parseImportRow({}, CONTEXT);
    expect(row).toBeNull();
    expect(problems.map((p) => p.column)).toEqual(IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key));
    const many = parse({ name: "=1", kind: "公司", lng: "abc", memberCount: -1 });
    expect(many.problems.map((p) => p.column)).toEqual(["name", "kind", "lng", "memberCount"]);
  });

  describe("组织编码", () => {
    it("accepts letters, digits, - and _ up to 32 characters", () => {
      expect(parse({ code: "QZ_2024-001" }).row?.code).toBe("QZ_2024-001");
      expect(parse({ code: "A".repeat(32) }).row?.code).toBe("A".repeat(32));
    });

    it("refuses other characters and a 33rd character", () => {
      expect(onlyProblem({ code: "QZ 001" }).message).toBe(
        "「组织编码」“QZ 001”只能包含字母、数字、“-”和“_”",
      );
      expect(onlyProblem({ code: "编码1" }).column).toBe("code");
      expect(onlyProblem({ code: "A".repeat(33) }).message).toBe(
        `「组织编码」最多 32 个字符，现有 33 个字符：“${"A".repeat(20)}…”`,
      );
    });
  });

  describe("党组织名称 and 地址", () => {
    it("accept up to 100 and 200 characters", () => {
      expect(parse({ name: "党".repeat(100), address: "址".repeat(200) }).problems).toEqual([]);
    });

    it("refuse longer text with the limit in the message", () => {
      expect(onlyProblem({ name: "党".repeat(101) }).message).toBe(
        `「党组织名称」最多 100 个字符，现有 101 个字符：“${"党".repeat(20)}…”`,
      );
      expect(onlyProblem({ address: "址".repeat(201) }).message).toContain("「地址」最多 200 个字符");
    });

    it("keep the message short for a 5000-character cell", () => {
      for (const key of ["name", "unit", "township", "kind", "system"] as const) {
        const problem = onlyProblem({ [key]: "长".repeat(5000) });
        expect(problem.message).toContain("5000 个字符");
        expect(problem.message.length).toBeLessThan(80);
      }
    });

    it("count characters, not UTF-16 units", () => {
      expect(parse({ name: "𠀀".repeat(100) }).problems).toEqual([]);
    });
  });

  describe("formula cells", () => {
    it.each(['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)"])("refuses %s in text columns", (cell) => {
      for (const key of ["code", "name", "address", "unit", "township", "kind"] as const) {
        const problem = onlyProblem({ [key]: cell });
        expect(problem.column).toBe(key);
        expect(problem.message).toContain(`以“${cell[0]}”开头`);
        expect(problem.message).toContain("公式");
      }
    });

    it("checks the text after trimming, and allows the characters inside the text", () => {
      expect(onlyProblem({ name: "  =1" }).message).toBe(
        "「党组织名称」“=1”以“=”开头，文字不能以 =、+、-、@ 开头（会被表格软件当作公式）",
      );
      expect(parse({ name: "某某公司党支部（A=B+C）@衢州-1" }).problems).toEqual([]);
    });
  });

  describe("类型", () => {
    it("accepts every label and every code, codes in any case", () => {
      for (const k of ORG_KINDS) {
        expect(parse({ kind: LABELS_ZH.orgKind[k] }).row?.kind).toBe(k);
        expect(parse({ kind: k }).row?.kind).toBe(k);
        expect(parse({ kind: k.toLowerCase() }).row?.kind).toBe(k);
      }
      expect(parse({ kind: " 律师 事务所 " }).row?.kind).toBe("LAW_FIRM");
    });

    it("refuses anything else with the allowed list, suggesting a close label", () => {
      const problem = onlyProblem({ kind: "企业" });
      expect(problem).toEqual({
        column: "kind",
        header: "类型",
        message:
          "「类型」“企业”无法识别，可填：非公企业、特色小镇、民办学校、民办医院、律师事务所、会计师事务所、其他",
        suggestions: ["非公企业"],
      });
      expect(onlyProblem({ kind: "社会组织" }).suggestions).toBeUndefined();
    });
  });

  describe("所属单位", () => {
    it("accepts a unit's name or id", () => {
      expect(parse({ unit: "衢江区", township: "樟潭街道" }).row?.unitId).toBe("QUJIANG");
      expect(parse({ unit: "QUJIANG", township: "樟潭街道" }).row?.unitId).toBe("QUJIANG");
      expect(parse({ unit: "qujiang", township: "樟潭街道" }).row?.unitId).toBe("QUJIANG");
    });

    it("refuses an unknown unit with close matches", () => {
      expect(onlyProblem({ unit: "柯城" })).toEqual({
        column: "unit",
        header: "所属单位",
        message: "「所属单位」“柯城”不是系统中的单位，是否为“柯城区”？",
        suggestions: ["柯城区"],
      });
      expect(onlyProblem({ unit: "渠江区" }).suggestions).toEqual(["衢江区"]);
      expect(onlyProblem({ unit: "绿色产业集聚区" }).suggestions).toEqual(["市绿色产业集聚区"]);
    });

    it("says only that it is unknown when nothing is close", () => {
      expect(onlyProblem({ unit: "杭州市" })).toEqual({
        column: "unit",
        header: "所属单位",
        message: "「所属单位」“杭州市”不是系统中的单位",
      });
    });
  });

  describe("乡镇（街道、园区）", () => {
    it("looks the township up within the row's unit", () => {
      expect(parse({ township: "信安街道" }).row?.townshipId).toBe("KC-XINAN");
      expect(parse({ unit: "市绿色产业集聚区", township: "高新园区" }).row?.townshipId).toBe("GZ-PARK");
    });

    it("says which unit a township of another unit belongs to", () => {
      expect(onlyProblem({ township: "樟潭街道" })).toEqual({
        column: "township",
        header: "乡镇（街道、园区）",
        message: "「乡镇（街道、园区）」“樟潭街道”不在柯城区下，该乡镇属于衢江区",
      });
    });

    it("suggests the unit's own townships for a typo or a missing suffix", () => {
      expect(onlyProblem({ township: "航埠" })).toMatchObject({
        message: "「乡镇（街道、园区）」“航埠”不在柯城区下，是否为“航埠镇”？",
        suggestions: ["航埠镇"],
      });
      // 樟潭街道 is another unit's: suggestions come from 柯城区 only.
      expect(onlyProblem({ township: "樟山街道" }).suggestions).toEqual(["府山街道"]);
    });

    it("with an unknown unit, only complains about a township that exists nowhere", () => {
      expect(onlyProblem({ unit: "杭州市", township: "樟潭街道" }).column).toBe("unit");
      const { problems } = parse({ unit: "杭州市", township: "廿里" });
      expect(problems.map((p) => [p.column, p.message])).toEqual([
        ["unit", "「所属单位」“杭州市”不是系统中的单位"],
        ["township", "「乡镇（街道、园区）」“廿里”不是系统中的乡镇（街道、园区），是否为“廿里镇”？"],
      ]);
    });
  });

  describe("经度 and 纬度", () => {
    it("accept numbers and numeric strings, full-width digits and point included", () => {
      expect(parse({ lng: "118.87", lat: " 28.94 " }).row).toMatchObject({ lng: 118.87, lat: 28.94 });
      expect(parse({ lng: "１１８．８７", lat: "２８" }).row).toMatchObject({ lng: 118.87, lat: 28 });
      expect(parse({ lng: -180, lat: "-90" }).row).toMatchObject({ lng: -180, lat: -90 });
      expect(parse({ lng: "180", lat: 90 }).row).toMatchObject({ lng: 180, lat: 90 });
      expect(parse({ lng: "+118.", lat: ".5" }).row).toMatchObject({ lng: 118, lat: 0.5 });
    });

    it("refuse text that is not a plain number", () => {
      for (const cell of ["abc", "118°", "118,87", "1e2", "东经118", "--1", true]) {
        expect(onlyProblem({ lng: cell }).message).toMatch(/^「经度」应为数字，现为“/);
      }
      expect(onlyProblem({ lat: "N28.9" }).message).toBe("「纬度」应为数字，现为“N28.9”");
      expect(onlyProblem({ lng: Number.NaN }).message).toBe("「经度」不是有效的数字");
      expect(onlyProblem({ lng: "9".repeat(400) }).message).toBe(
        `「经度」不是有效的数字：“${"9".repeat(20)}…”`,
      );
    });

    it("refuse values out of range, as numbers or strings", () => {
      expect(onlyProblem({ lng: 180.0001 }).message).toBe("「经度」应在 -180 到 180 之间，现为 180.0001");
      expect(onlyProblem({ lng: "-181" }).message).toBe("「经度」应在 -180 到 180 之间，现为 -181");
      expect(onlyProblem({ lat: 118.87 }).message).toBe("「纬度」应在 -90 到 90 之间，现为 118.87");
      expect(onlyProblem({ lat: "-90.5" }).column).toBe("lat");
    });
  });

  describe("坐标系", () => {
    it.each([
      ["WGS84", "WGS84"],
      ["wgs-84", "WGS84"],
      ["GPS", "WGS84"],
      ["天地图", "WGS84"],
      ["CGCS2000", "WGS84"],
      ["GCJ-02", "GCJ02"],
      ["gcj02", "GCJ02"],
      ["高德", "GCJ02"],
      ["腾讯", "GCJ02"],
      ["火星", "GCJ02"],
      ["BD-09", "BD09"],
      ["BD09", "BD09"],
      ["百度", "BD09"],
      [" 百度地图 ", "BD09"],
    ])("reads %s as %s", (cell, system) => {
      expect(parse({ system: cell }).row?.system).toBe(system);
    });

    it("takes the file's default when empty", () => {
      expect(parse({ system: null }).row?.system).toBe("GCJ02");
      expect(
        parseImportRow({ ...VALID, system: "" }, { ...CONTEXT, defaultSystem: "BD09" }).row?.system,
      ).toBe("BD09");
    });

    it("refuses anything else with the allowed list", () => {
      expect(onlyProblem({ system: "谷歌" }).message).toBe(
        "「坐标系」“谷歌”无法识别，可填：WGS84（GPS、天地图、CGCS2000）、GCJ-02（高德、腾讯）、BD-09（百度），留空则按导入时选择的坐标系",
      );
    });
  });

  describe("党员数", () => {
    it("accepts non-negative integers up to 100000, 12.0 being 12", () => {
      expect(parse({ memberCount: "12.0" }).row?.memberCount).toBe(12);
      expect(parse({ memberCount: 12.0 }).row?.memberCount).toBe(12);
      expect(parse({ memberCount: "０" }).row?.memberCount).toBe(0);
      expect(parse({ memberCount: 100000 }).row?.memberCount).toBe(100000);
    });

    it("refuses fractions, negatives, text and more than 100000", () => {
      expect(onlyProblem({ memberCount: "12.5" }).message).toBe("「党员数」应为整数，现为 12.5");
      expect(onlyProblem({ memberCount: 12.5 }).message).toBe("「党员数」应为整数，现为 12.5");
      expect(onlyProblem({ memberCount: "-1" }).message).toBe("「党员数」不能为负数，现为 -1");
      expect(onlyProblem({ memberCount: "abc" }).message).toBe("「党员数」应为数字，现为“abc”");
      expect(onlyProblem({ memberCount: "12人" }).message).toBe("「党员数」应为数字，现为“12人”");
      expect(onlyProblem({ memberCount: 100001 }).message).toBe(
        "「党员数」应在 0 到 100000 之间，现为 100001",
      );
    });
  });

  describe("纳入县级双重管理", () => {
    it.each([
      [true, true],
      [false, false],
      ["是", true],
      ["否", false],
      ["Y", true],
      ["n", false],
      ["TRUE", true],
      ["false", false],
      ["1", true],
      [0, false],
      [1, true],
      ["", false],
      [null, false],
    ])("reads %s as %s", (cell, value) => {
      expect(parse({ countyDualManaged: cell }).row?.countyDualManaged).toBe(value);
    });

    it("refuses anything else", () => {
      expect(onlyProblem({ countyDualManaged: "待定" }).message).toBe(
        "「纳入县级双重管理」“待定”无法识别，可填：是、否（留空视为否）",
      );
      expect(onlyProblem({ countyDualManaged: 2 }).column).toBe("countyDualManaged");
    });
  });

  describe("组建方式", () => {
    it.each([
      ["单建", "SINGLE"],
      ["联建", "JOINT"],
      [" 联 建 ", "JOINT"],
      ["SINGLE", "SINGLE"],
      ["JOINT", "JOINT"],
      ["joint", "JOINT"],
      ["", "SINGLE"],
      ["   ", "SINGLE"],
      [null, "SINGLE"],
      [undefined, "SINGLE"],
    ])("reads %j as %s", (cell, value) => {
      expect(parse({ setupKind: cell }).row?.setupKind).toBe(value);
    });

    it("refuses anything else, naming the column and what may be filled in", () => {
      expect(onlyProblem({ setupKind: "独建" })).toEqual({
        column: "setupKind",
        header: "组建方式",
        message: "「组建方式」“独建”无法识别，可填：单建、联建（留空视为单建）",
      });
      for (const cell of ["是", "1", true, 0, "单建联建"]) {
        expect(onlyProblem({ setupKind: cell }).message).toMatch(
          /^「组建方式」“.*”无法识别，可填：单建、联建/,
        );
      }
      expect(onlyProblem({ setupKind: "=联建" }).message).toContain("公式");
    });
  });

  describe("实体运作", () => {
    it.each([
      [true, true],
      [false, false],
      ["是", true],
      ["否", false],
      ["Y", true],
      ["no", false],
      ["TRUE", true],
      ["false", false],
      ["1", true],
      [0, false],
      [1, true],
      ["", true],
      ["  ", true],
      [null, true],
      [undefined, true],
    ])("reads %j as %s", (cell, value) => {
      expect(parse({ entityOperated: cell }).row?.entityOperated).toBe(value);
    });

    it("refuses anything else, naming the column and what may be filled in", () => {
      expect(onlyProblem({ entityOperated: "部分" })).toEqual({
        column: "entityOperated",
        header: "实体运作",
        message: "「实体运作」“部分”无法识别，可填：是、否（留空视为是）",
      });
      expect(onlyProblem({ entityOperated: 2 }).column).toBe("entityOperated");
      expect(onlyProblem({ entityOperated: "联建" }).column).toBe("entityOperated");
    });
  });

  it("reports problems in 组建方式 and 实体运作 together with the others, in column order", () => {
    const { row, problems } = parse({ name: "", setupKind: "x", entityOperated: "待定" });
    expect(row).toBeNull();
    expect(problems.map((p) => p.column)).toEqual(["name", "setupKind", "entityOperated"]);
  });

  it("keeps 联建 and 非实体运作 apart from 纳入县级双重管理", () => {
    expect(parse({ countyDualManaged: "是", setupKind: "联建", entityOperated: "否" }).row).toMatchObject({
      countyDualManaged: true,
      setupKind: "JOINT",
      entityOperated: false,
    });
  });

  it("refuses a cell that is neither text, number nor boolean", () => {
    expect(onlyProblem({ name: { richText: [] } }).message).toBe(
      "「党组织名称」的内容无法识别，请填写文字或数字",
    );
    expect(onlyProblem({ lng: new Date(0) }).column).toBe("lng");
  });
});

describe("duplicateRows", () => {
  it("points each repeat at the first row with the same code", () => {
    const rows = [
      { code: "A1", unitId: "KECHENG", name: "甲党支部" },
      { code: "B2", unitId: "KECHENG", name: "乙党支部" },
      { code: "A1", unitId: "QUJIANG", name: "丙党支部" },
      { code: "A1", unitId: "QUJIANG", name: "丁党支部" },
    ];
    expect(duplicateRows(rows)).toEqual(
      new Map([
        [2, 0],
        [3, 0],
      ]),
    );
  });

  it("points each repeat at the first row with the same unit and name, spaces ignored", () => {
    const rows = [
      { code: null, unitId: "KECHENG", name: "衢州某某公司党支部" },
      { code: null, unitId: "QUJIANG", name: "衢州某某公司党支部" },
      { code: null, unitId: "KECHENG", name: " 衢州某某 公司党支部" },
      { code: "X", unitId: "KECHENG", name: "衢州某某公司党支部" },
    ];
    expect(duplicateRows(rows)).toEqual(
      new Map([
        [2, 0],
        [3, 0],
      ]),
    );
  });

  it("picks the earliest of a code match and a name match", () => {
    const rows = [
      { code: null, unitId: "KECHENG", name: "甲" },
      { code: "C", unitId: "KECHENG", name: "乙" },
      { code: "C", unitId: "KECHENG", name: "甲" },
    ];
    expect(duplicateRows(rows)).toEqual(new Map([[2, 0]]));
  });

  it("does not match rows on missing codes, and finds nothing in distinct rows", () => {
    const rows = [
      { code: null, unitId: "KECHENG", name: "甲" },
      { code: null, unitId: "KECHENG", name: "乙" },
      { code: "", unitId: "KECHENG", name: "丙" },
      { code: "", unitId: "KECHENG", name: "丁" },
    ];
    expect(duplicateRows(rows).size).toBe(0);
    expect(duplicateRows([]).size).toBe(0);
  });
});

describe("escapeSpreadsheetCell", () => {
  it.each(["=1+1", "+86 570", "-5", "@SUM(A1)", "\t=1", "\r=1"])("prefixes %j with an apostrophe", (text) => {
    expect(escapeSpreadsheetCell(text)).toBe(`'${text}`);
  });

  it("leaves other text unchanged", () => {
    for (const text of ["", "柯城区", "A=B", " =1", "'=1", "0570-1234567"]) {
      expect(escapeSpreadsheetCell(text)).toBe(text);
    }
  });
});

describe("swapped coordinates", () => {
  it("says longitude and latitude may be swapped when the latitude is past 90 and the longitude is not", () => {
    const result = parseImportRow(
      {
        name: "甲公司党支部",
        kind: "非公企业",
        unit: "柯城区",
        township: "府山街道",
        address: "某路 1 号",
        lng: 28.97,
        lat: "118.86",
        memberCount: 3,
      },
      {
        units: [{ id: "KECHENG", name: "柯城区" }],
        townships: [{ id: "330802001", name: "府山街道", unitId: "KECHENG" }],
        defaultSystem: "WGS84",
      },
    );
    expect(result.row).toBeNull();
    expect(result.problems.map((p) => p.message)).toEqual([
      "「纬度」应在 -90 到 90 之间，现为 118.86；经度、纬度可能填反了",
    ]);
  });
});

describe("a department's organisations", () => {
  const context = {
    units: [
      { id: "KECHENG", name: "柯城区" },
      { id: "JINGXIN", name: "市经信委", anyTownship: true },
      { id: "QUJIANG", name: "衢江区" },
    ],
    townships: [
      { id: "330802001", name: "府山街道", unitId: "KECHENG" },
      { id: "330803001", name: "樟潭街道", unitId: "QUJIANG" },
      { id: "330803099", name: "同名镇", unitId: "QUJIANG" },
      { id: "330802099", name: "同名镇", unitId: "KECHENG" },
    ],
    defaultSystem: "WGS84" as const,
  };
  const cells = (township: string, unit = "市经信委") => ({
    name: "甲公司党支部",
    kind: "非公企业",
    unit,
    township,
    address: "某路 1 号",
    lng: 118.87,
    lat: 28.94,
    memberCount: 3,
  });

  it("lie in any township of the city", () => {
    expect(parseImportRow(cells("樟潭街道"), context).row).toMatchObject({
      unitId: "JINGXIN",
      townshipId: "330803001",
    });
    expect(parseImportRow(cells("府山街道"), context).row?.townshipId).toBe("330802001");
    // A county's do not.
    expect(parseImportRow(cells("樟潭街道", "柯城区"), context).problems[0]?.message).toMatch(
      /该乡镇属于衢江区/,
    );
  });

  it("name a township that two counties share ambiguously, and a typo with suggestions", () => {
    expect(parseImportRow(cells("同名镇"), context).problems[0]?.message).toMatch(/在衢江区、柯城区都有/);
    const typo = parseImportRow(cells("樟潭街到"), context).problems[0];
    expect(typo?.suggestions).toEqual(["樟潭街道"]);
  });
});

describe("cleanCellText and organizationNameKey", () => {
  it("drops zero-width characters and trims", () => {
    expect(cleanCellText(" 衢州\u200B科技\uFEFF ")).toEqual({
      text: "衢州科技",
      hidden: null,
    });
    expect(cleanCellText("第一行\n第二行\t")).toEqual({
      text: "第一行\n第二行",
      hidden: null,
    });
  });

  it("names a direction override, a control character or a lone surrogate", () => {
    expect(cleanCellText("abc\u202Efed").hidden).toBe("U+202E");
    expect(cleanCellText("a\u2066b").hidden).toBe("U+2066");
    expect(cleanCellText("a\u0000b").hidden).toBe("U+0000");
    expect(cleanCellText("a\u0085b").hidden).toBe("U+0085");
    expect(cleanCellText("a\uD800b").hidden).toBe("U+D800");
    expect(cleanCellText("党建😀").hidden).toBe(null); // a surrogate pair is a character
  });

  it("keys names by unit, ignoring width, case, spaces and zero-width characters", () => {
    expect(organizationNameKey("KECHENG", "衢州（示例） 公司")).toBe(
      organizationNameKey("KECHENG", "衢州(示例)\u200B公司"),
    );
    expect(organizationNameKey("KECHENG", "ABC公司")).toBe(organizationNameKey("KECHENG", "ａｂｃ公司"));
    expect(organizationNameKey("KECHENG", "甲公司")).not.toBe(organizationNameKey("KAIHUA", "甲公司"));
  });
});
