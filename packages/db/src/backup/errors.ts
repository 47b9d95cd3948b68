/** A refusal or failure the user can act on; its message (Chinese) is all the CLI prints. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** The refusal for a database that holds data, naming what it holds and how to go on anyway. */
export function notEmpty(what: string, tables: { name: string; rows: number }[]): BackupError {
  const shown = [...tables]
    .sort((a, b) => b.rows - a.rows)
    .slice(0, 6)
    .map((t) => `${t.name} ${t.rows.toLocaleString("zh-CN")} 行`)
    .join("、");
  const more = tables.length > 6 ? ` 等 ${tables.length} 张表` : "";
  return new BackupError(
    `${what} 不是空的（${shown}${more}），恢复会用备份替换它的全部内容，没有恢复。` +
      "确定要替换，请加 --force：npm run restore 备份文件 -- --force（现有数据会被删除；需要的话先用 npm run backup 备份它）",
  );
}
