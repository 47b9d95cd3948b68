import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  type Appendix2Input,
  type Appendix2Row,
  appendix2FileName,
  buildAppendix2Workbook,
} from "./appendix2.ts";
import { convertXlsxToCsv } from "./libreoffice.ts";

const row = (over: Partial<Appendix2Row> & Pick<Appendix2Row, "organizationName">): Appendix2Row => ({
  townshipName: "府山街道",
  selfTotal: 92,
  reviewTotal: 91.5,
  initialTotal: 92.5,
  initialGrade: "EXCELLENT",
  opinion: "同意",
  ...over,
});

// 2026-11-24 18:30 UTC is already the 25th in Quzhou.
const reportDate = new Date("2026-11-24T18:30:00Z");

const input: Appendix2Input = {
  reportingUnit: "柯城区",
  reportDate,
  cycleName: "2026年度",
  units: [
    {
      unitId: "u1",
      unitName: "柯城区",
      excellentQuota: 1,
      rows: [
        row({ organizationName: "衢州元立金属制品有限公司党委" }),
        row({ organizationName: '=HYPERLINK("http://x","点我")', townshipName: "@石室乡", opinion: "-作废" }),
        row({ organizationName: "浙江衢州巨化锦纶有限公司党支部", initialTotal: 85, initialGrade: "GOOD" }),
      ],
    },
    {
      unitId: "u2",
      unitName: "市绿色产业集聚区/高新片区[东]:一期工程项目示范建设单位名单（第一批）",
      excellentQuota: 12,
      rows: [
        row({ organizationName: "衢州华友钴新材料有限公司党委", initialTotal: 59, initialGrade: "FAIL" }),
        row({
          organizationName: "衢州某新材料有限公司党支部",
          reviewTotal: null,
          initialTotal: null,
          initialGrade: null,
          opinion: null,
        }),
      ],
    },
  ],
};

const texts = (sheet: ExcelJS.Worksheet, r: number, n = 8) =>
  Array.from({ length: n }, (_, c) => sheet.getCell(r, c + 1).value ?? null);

describe("附件2 初评结果汇总表", () => {
  it("writes a summary sheet and one sheet per unit, escaping formula-like text", async () => {
    const book = new ExcelJS.Workbook();
    // exceljs types load() as taking an ArrayBuffer, not Node's Buffer.
    await book.xlsx.load(new Uint8Array(await buildAppendix2Workbook(input)).buffer);
    // Excel's limits: 31 characters, none of \ / ? * [ ] :
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "汇总",
      "柯城区",
      "市绿色产业集聚区_高新片区_东__一期工程项目示范建设单位名单",
    ]);
    const [summary, kc, zone] = book.worksheets;
    if (!summary || !kc || !zone) throw new Error("missing sheets");

    expect(kc.getCell("A1").value).toBe("“百企示范、千企争先”行动初评结果汇总表");
    expect(kc.getCell("A1").isMerged && kc.getCell("H1").isMerged).toBe(true);
    expect(kc.getCell("A2").value).toBe(
      "填报单位（盖章）：柯城区    填报时间：2026年11月25日    年度：2026年度",
    );
    expect(texts(kc, 3)).toEqual([
      "序号",
      "党组织名称",
      "乡镇（街道、园区）",
      "自评得分",
      "复核得分",
      "初评得分",
      "初评等次",
      "初评意见",
    ]);
    expect(texts(kc, 4)).toEqual([
      1,
      "衢州元立金属制品有限公司党委",
      "府山街道",
      92,
      91.5,
      92.5,
      "优秀",
      "同意",
    ]);
    expect(texts(kc, 5)).toEqual([
      2,
      '\'=HYPERLINK("http://x","点我")',
      "'@石室乡",
      92,
      91.5,
      92.5,
      "优秀",
      "'-作废",
    ]);
    expect(kc.getCell("B5").type).toBe(ExcelJS.ValueType.String);
    expect(kc.getCell("F4").numFmt).toBe("0.0");
    expect(texts(kc, 6)).toEqual([
      3,
      "浙江衢州巨化锦纶有限公司党支部",
      "府山街道",
      92,
      91.5,
      85,
      "良好",
      "同意",
    ]);
    expect(texts(kc, 9, 4)).toEqual([null, "优秀", 2, "（创建名额 1）"]);
    expect(texts(kc, 10, 3)).toEqual([null, "良好", 1]);
    expect(texts(kc, 13, 3)).toEqual([null, "未初评", 0]);
    expect(String(kc.getCell("B14").value)).toContain("超出名额");
    expect(kc.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(kc.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToWidth: 1,
      printTitlesRow: "3:3",
    });

    expect(texts(zone, 5)).toEqual([2, "衢州某新材料有限公司党支部", "府山街道", 92, null, null, null, null]);
    expect(texts(zone, 11, 3)).toEqual([null, "未达标", 1]);
    expect(texts(zone, 12, 3)).toEqual([null, "未初评", 1]);
    expect(zone.getCell("E5").type).toBe(ExcelJS.ValueType.Null);
    expect(zone.getCell("B13").value).toBeNull();

    expect(texts(summary, 3, 9)).toEqual([
      "单位",
      "参评组织数",
      "优秀",
      "良好",
      "达标",
      "未达标",
      "未初评",
      "优秀创建名额",
      "是否超额",
    ]);
    expect(texts(summary, 4, 9)).toEqual(["柯城区", 3, 2, 1, 0, 0, 0, 1, "是"]);
    expect(texts(summary, 5, 9)).toEqual([input.units[1]?.unitName, 2, 0, 0, 0, 1, 1, 12, "否"]);
    expect(texts(summary, 6, 9)).toEqual(["合计", 5, 2, 1, 0, 1, 1, 13, null]);
  });

  it("names the file after the reporting unit and the China date", () => {
    expect(appendix2FileName({ reportingUnit: "柯城区", reportDate })).toBe(
      "附件2_初评结果汇总表_柯城区_2026-11-25.xlsx",
    );
    expect(appendix2FileName({ reportingUnit: "a/b", reportDate: new Date("2026-01-05T00:00:00Z") })).toBe(
      "附件2_初评结果汇总表_a_b_2026-01-05.xlsx",
    );
  });

  it("opens in LibreOffice with the Chinese and the totals intact", { timeout: 120_000 }, async () => {
    const one = { ...input, units: input.units.slice(0, 1) };
    const csv = await convertXlsxToCsv(await buildAppendix2Workbook(one));
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toContain("“百企示范、千企争先”行动初评结果汇总表");
    expect(lines).toContain("1,衢州元立金属制品有限公司党委,府山街道,92.0,91.5,92.5,优秀,同意");
    expect(lines).toContain('2,"\'=HYPERLINK(""http://x"",""点我"")",\'@石室乡,92.0,91.5,92.5,优秀,\'-作废');
    expect(lines).toContain("3,浙江衢州巨化锦纶有限公司党支部,府山街道,92.0,91.5,85.0,良好,同意");
    expect(csv).toContain("超出名额");
  });
});
