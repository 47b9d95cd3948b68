// The import template (.xlsx): the columns with their Chinese headers and one example row, and a
// sheet explaining each column and its allowed values. exceljs is imported by the caller, lazily.
import { IMPORT_COLUMNS, type ImportKey, LABELS_ZH } from "@beltmap/domain";
import type ExcelJS from "exceljs";

export const TEMPLATE_FILE_NAME = "党组织导入模板.xlsx";

/** Example cells the caller may leave out: the template shows their defaults. */
const EXAMPLE_DEFAULTS = { setupKind: LABELS_ZH.setupKind.SINGLE, entityOperated: "是" } as const;

type DefaultedKey = keyof typeof EXAMPLE_DEFAULTS;

export type TemplateExample = Record<Exclude<ImportKey, DefaultedKey>, string | number> &
  Partial<Record<DefaultedKey, string | number>>;

export async function buildImportTemplate(Excel: typeof ExcelJS, example: TemplateExample): Promise<Buffer> {
  const workbook = new Excel.Workbook();
  const list = workbook.addWorksheet("组织名单", { views: [{ state: "frozen", ySplit: 1 }] });
  list.columns = IMPORT_COLUMNS.map((c) => ({
    header: c.required ? `*${c.header}` : c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 6),
  }));
  list.getRow(1).font = { bold: true };
  const cells: Record<ImportKey, string | number> = {
    ...example,
    setupKind: example.setupKind ?? EXAMPLE_DEFAULTS.setupKind,
    entityOperated: example.entityOperated ?? EXAMPLE_DEFAULTS.entityOperated,
  };
  list.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, cells[c.key]])));

  const help = workbook.addWorksheet("填写说明");
  help.columns = [
    { header: "列名", key: "header", width: 22 },
    { header: "是否必填", key: "required", width: 10 },
    { header: "说明与可填写的值", key: "hint", width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    help.addRow({ header: c.header, required: c.required ? "必填" : "选填", hint: c.hint });
  }
  help.addRow({});
  help.addRow({ header: "注意", hint: "第一行为列名，请勿修改；示例行请删除后再填写。带 * 的列为必填。" });
  help.addRow({ hint: "同一文件中有任何一处问题，整个文件都不会导入；预览会按行列出每一处问题。" });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
