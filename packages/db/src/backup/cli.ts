// `npm run backup [-- --out FILE] [--in-process]` and `npm run restore FILE [-- --force]` on the
// database DATABASE_URL names (unset: PGlite in ./data/pglite, as for `npm start`). Relative paths are
// the caller's: npm runs this inside packages/db, and says where it was called from in INIT_CWD.
// Exit status 0: done and checked; 1: nothing done, or a restore rolled back (the message says which).
import { stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, type BackupHeader, backupDatabase, KIND_NAMES, restoreDatabase } from "./index.ts";

const USAGE = `用法：
  npm run backup [-- --out 文件]            备份 DATABASE_URL 指向的数据库（默认写到 data/backups/）
  npm run backup -- --in-process           PostgreSQL：不用 pg_dump，由本程序直接导出
  npm run restore 备份文件 [-- --force]      恢复；数据库不是空的时，需加 --force 才会替换其全部内容`;

const callerDir = process.env.INIT_CWD ?? process.cwd();
const fromCaller = (file: string) => path.resolve(callerDir, file);

/** The path as the caller may type it: relative when it lies below where they are, else absolute. */
function shortPath(file: string): string {
  const relative = path.relative(callerDir, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(1)} 秒`;
}

function localTime(iso: string): string {
  return new Date(iso).toLocaleString("zh-CN", { hour12: false });
}

function tableLines(header: BackupHeader): string[] {
  const total = header.tables.reduce((sum, t) => sum + t.rows, 0);
  const width = Math.max(...header.tables.map((t) => t.name.length));
  return [
    `  各表行数（${header.tables.length} 张表，共 ${total.toLocaleString("zh-CN")} 行）：`,
    ...header.tables.map((t) => `    ${t.name.padEnd(width)}  ${t.rows.toLocaleString("zh-CN").padStart(9)}`),
  ];
}

function schemaLine(header: BackupHeader): string {
  const last = header.migrations.at(-1)?.name ?? "（无）";
  return `  数据库结构：迁移 ${last}（共 ${header.migrations.length} 个）`;
}

async function backup(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: "string" }, "in-process": { type: "boolean" } },
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new BackupError(`backup 不接受参数 ${positionals.join(" ")}。\n${USAGE}`);
  const start = performance.now();
  const result = await backupDatabase(process.env.DATABASE_URL, {
    out: values.out === undefined ? undefined : fromCaller(values.out),
    method: values["in-process"] ? "in-process" : "auto",
  });
  const took = seconds(start);
  const { header } = result;
  console.log(
    [
      `已备份 ${result.database}，用时 ${took}`,
      `  文件：${result.file}（${size((await stat(result.file)).size)}）`,
      `  类型：${KIND_NAMES[header.kind]}，${header.tool}，数据库版本 ${header.serverVersion}`,
      ...(result.note ? [`  没有用 pg_dump：${result.note}`] : []),
      schemaLine(header),
      ...tableLines(header),
      `恢复：npm run restore ${shortPath(result.file)}`,
    ].join("\n"),
  );
}

async function restore(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: "boolean" } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new BackupError(`请给出一个备份文件。\n${USAGE}`);
  const start = performance.now();
  try {
    const result = await restoreDatabase(process.env.DATABASE_URL, fromCaller(file), {
      force: values.force ?? false,
    });
    const took = seconds(start);
    const { header } = result;
    const lines = [
      `已把 ${fromCaller(file)}（${size((await stat(fromCaller(file))).size)}）恢复到 ${result.database}，用时 ${took}`,
      `  备份于 ${localTime(header.createdAt)}，来自 ${header.source}（${header.tool}）`,
      schemaLine(header),
      `  核对：${header.tables.length} 张表的行数和内容哈希都与备份时一致`,
      ...tableLines(header),
    ];
    if (result.pendingMigrations.length > 0) {
      lines.push(
        `备份的数据库结构比本程序旧：已按备份时的结构恢复；下次启动服务器（或 npm run seed）时会自动应用其余 ${result.pendingMigrations.length} 个迁移（${result.pendingMigrations.join("、")}）。`,
      );
    }
    if (result.otherSessions > 0) {
      lines.push(
        `注意：恢复时还有 ${result.otherSessions} 个其他连接在使用这个数据库（Beltmap 服务器？）。请重启服务器，让它从恢复后的数据开始。`,
      );
    }
    console.log(lines.join("\n"));
  } catch (error) {
    // npm takes `--force` written before `--` for its own option and does not pass it on.
    if (
      error instanceof BackupError &&
      /--force/.test(error.message) &&
      process.env.npm_config_force === "true"
    ) {
      throw new BackupError(
        `${error.message}\n（看起来 --force 写在了 -- 前面，被 npm 当成了它自己的选项：请写成 npm run restore 备份文件 -- --force）`,
      );
    }
    throw error;
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "backup") await backup(rest);
  else if (command === "restore") await restore(rest);
  else throw new BackupError(USAGE);
} catch (error) {
  if (error instanceof BackupError) console.error(error.message);
  else if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`参数不对：${(error as Error).message}\n${USAGE}`);
  } else {
    // Not foreseen: the message, and the stack only for whoever asks for it.
    console.error(
      `${command === "restore" ? "恢复" : "备份"}失败：${(error as Error).message ?? String(error)}`,
    );
    if (process.env.BELTMAP_DEBUG) console.error((error as Error).stack);
    else console.error("（要看技术细节，请设置 BELTMAP_DEBUG=1 再运行一次）");
  }
  process.exitCode = 1;
}
