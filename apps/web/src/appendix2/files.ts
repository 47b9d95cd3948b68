// 附件2 files as the browser saves them: the server names the unit, the day and the version; the
// name also says which cycle (年度) it belongs to, so files of two years are not confused.

const TAIL = /(_\d{4}-\d{2}-\d{2})?(_第\d+版)?(\.[A-Za-z0-9]+)$/;

/** `附件2_初评结果汇总表_柯城区_2026-11-20.xlsx` → `附件2_初评结果汇总表_柯城区_2026年度_2026-11-20.xlsx`. */
export function withCycleYear(fileName: string, year: number | undefined): string {
  if (year === undefined || fileName.includes(`${year}年度`)) return fileName;
  const match = TAIL.exec(fileName);
  if (!match) return `${fileName}_${year}年度`;
  return `${fileName.slice(0, match.index)}_${year}年度${match[0]}`;
}
