// The strings of the 数据导入 (import) page, loaded with its chunk.
import { i18next } from "./index.ts";

const zhCN = {
  title: "导入党组织",
  intro:
    "下载模板，按说明填写（或用本单位已有的表格，列名与模板一致即可），先预览：每一处问题都会按行列出；没有问题后再确认导入，整个文件一次导入，有任何问题则一行也不导入。",
  template: "下载导入模板",
  choose: "选择文件…",
  file: "未选择文件（.xlsx 或 .csv，不超过 10 MB）",
  system: "坐标系（「坐标系」列为空的行）",
  systems: {
    AUTO: "自动识别",
    WGS84: "WGS84（GPS、天地图）",
    GCJ02: "GCJ-02（高德、腾讯）",
    BD09: "BD-09（百度）",
  },
  preview: "预览",
  commit: "确认导入",
  report: "下载检查结果（.xlsx）",
  tooBig: "文件超过 10 MB，请拆分后分批导入",
  reading: "正在读取文件（{{size}}）…",
  checking: "正在上传并逐行检查，已用 {{seconds}} 秒…",
  committing: "正在导入，已用 {{seconds}} 秒…",
  summary: "共 {{total}} 行：新增 {{create}} 个组织，更新 {{update}} 个，有问题 {{invalid}} 行",
  encoding: "文件编码：{{encoding}}",
  systemUsed: "「坐标系」为空的行按 {{system}} 换算",
  detected: "（自动识别：{{system}}{{sure}}）",
  notSure: "，把握不大，请确认",
  fileProblems: "文件有问题，未读取任何行：",
  problems: "问题（{{count}} 处）",
  moreProblems: "另有 {{count}} 处未列出，请先修改以上问题",
  columns: { row: "行", column: "列", message: "问题", suggestions: "建议" },
  noProblems: "没有发现问题，可以导入。",
  done: "导入完成：新增 {{create}} 个组织，更新 {{update}} 个。",
  pastCycle:
    "正在查看 {{year}} 年度。党组织名单不分年度：导入新增或修改的组织，在每一个年度（包括 {{year}} 年度的历史记录）中都会改变。",
};

const dataZh = {
  title: "组织数据",
  export: "导出党组织",
  exportHint: "导出本辖区的党组织名单；前几列与导入模板一致，可修改后重新导入。",
  exportCycle: "得分、等级和梯队为 {{year}} 年度的；文件名注明年度。",
  withScores: "含各环节得分、等级和梯队",
  exportXlsx: "导出 Excel（.xlsx）",
  exportCsv: "导出 CSV",
  quality: "数据质量",
  qualitySummary: "已检查 {{checked}} 个组织，{{count}} 个的坐标看起来有问题。",
  kind: {
    OUTSIDE_COUNTY: "不在所属县（市、区）",
    SHIFTED: "疑似未换算",
    MISSING: "缺少坐标",
    SAME_SPOT: "坐标重复",
  },
  issue: {
    MISSING: "没有坐标",
    OUTSIDE_COUNTY: "坐标不在{{county}}内（位于{{found}}）",
    SHIFTED: "疑似按 {{system}} 坐标直接保存、未换算：换算后位于所属县（市、区）内",
    SAME_SPOT: "与{{names}}坐标相同",
  },
  outsideCity: "衢州市以外",
  columns: { name: "党组织", place: "单位 · 乡镇（街道、园区）", issue: "问题", map: "地图" },
  showOnMap: "在地图上查看",
};

const dataEn: typeof dataZh = {
  title: "Organisation data",
  export: "Export organisations",
  exportHint:
    "The organisations of your region; the first columns are the import template's, so the file imports again.",
  exportCycle: " Scores, grades and tiers are those of {{year}}; the file name says so.",
  withScores: "With each stage's score, the grade and the tier",
  exportXlsx: "Export Excel (.xlsx)",
  exportCsv: "Export CSV",
  quality: "Data quality",
  qualitySummary: "{{checked}} organisations checked; the coordinates of {{count}} look wrong.",
  kind: {
    OUTSIDE_COUNTY: "Outside its county",
    SHIFTED: "Not converted?",
    MISSING: "No coordinates",
    SAME_SPOT: "Same spot",
  },
  issue: {
    MISSING: "No coordinates",
    OUTSIDE_COUNTY: "Not in {{county}} (lies in {{found}})",
    SHIFTED: "Looks stored as {{system}} without conversion: converted, it lies in its county",
    SAME_SPOT: "Same spot as {{names}}",
  },
  outsideCity: "outside Quzhou",
  columns: { name: "Organisation", place: "Unit · township", issue: "Problem", map: "Map" },
  showOnMap: "Show on the map",
};

const en: typeof zhCN = {
  title: "Import organisations",
  intro:
    "Download the template and fill it in (or use your own sheet with the template's headers), then preview: every problem is listed by row. Once there is none, import: the whole file in one step, and nothing of a file with any problem.",
  template: "Download the template",
  choose: "Choose a file…",
  file: "No file chosen (.xlsx or .csv, up to 10 MB)",
  system: "Coordinate system (rows with an empty 坐标系 cell)",
  systems: {
    AUTO: "Detect",
    WGS84: "WGS84 (GPS, Tianditu)",
    GCJ02: "GCJ-02 (Amap, Tencent)",
    BD09: "BD-09 (Baidu)",
  },
  preview: "Preview",
  commit: "Import",
  report: "Download the check (.xlsx)",
  tooBig: "The file is over 10 MB: split it and import the parts",
  reading: "Reading the file ({{size}})…",
  checking: "Uploading and checking every row, {{seconds}} s so far…",
  committing: "Importing, {{seconds}} s so far…",
  summary: "{{total}} rows: {{create}} new organisations, {{update}} updated, {{invalid}} rows with problems",
  encoding: "Encoding: {{encoding}}",
  systemUsed: "Rows with an empty 坐标系 cell are read as {{system}}",
  detected: " (detected: {{system}}{{sure}})",
  notSure: ", not sure: please check",
  fileProblems: "The file has problems; no row was read:",
  problems: "Problems ({{count}})",
  moreProblems: "{{count}} more not listed: fix these first",
  columns: { row: "Row", column: "Column", message: "Problem", suggestions: "Suggestion" },
  noProblems: "No problem found: ready to import.",
  done: "Imported: {{create}} new organisations, {{update}} updated.",
  pastCycle:
    "You are looking at {{year}}. The organisations are not kept per cycle: what an import adds or changes changes them in every cycle, {{year}}'s history included.",
};

i18next.addResourceBundle("zh-CN", "translation", { import: zhCN, data: dataZh }, true, true);
i18next.addResourceBundle("en", "translation", { import: en, data: dataEn }, true, true);
