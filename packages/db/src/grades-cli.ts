// `npm run grades:rebuild [-- --check]`: recomputes every cycle's stored grades (OrganizationGrade)
// from the sheets and grade records of the database DATABASE_URL names, and says per year how many
// rows differed from what was stored. With --check it only reports, writes nothing, and exits 1 when
// anything differed. Every write path keeps the rows right, so 0 is the expected answer; a repair
// after data was changed by hand (SQL, a restore of edited rows) is what the rebuild is for.
import { openDatabase } from "./client.ts";
import { rebuildStoredGrades } from "./repositories/stored-grades.ts";

const OPERATOR_ERRORS = new Set(["BELTMAP_DATABASE_IN_USE", "BELTMAP_DATA_DIR_NOT_WRITABLE"]);

async function rebuild(check: boolean): Promise<number> {
  const db = await openDatabase(process.env.DATABASE_URL);
  try {
    const started = performance.now();
    const report = await rebuildStoredGrades(db.prisma, { dryRun: check });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    for (const cycle of report.cycles)
      console.log(`${cycle.year} 年度：${cycle.rows} 个组织有等次，${cycle.differed} 行与重算结果不同`);
    const differed = report.cycles.reduce((sum, c) => sum + c.differed, 0);
    console.log(
      check
        ? `检查完成（${seconds} s，未写入）：${differed === 0 ? "存储的等次与重算一致" : `${differed} 行不一致，运行 npm run grades:rebuild 修复`}`
        : `重算完成（${seconds} s）：${differed === 0 ? "无需修改" : `已改正 ${differed} 行`}`,
    );
    return check && differed > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--check");
if (unknown.length > 0) {
  console.error(`未知参数 ${unknown.join(" ")}；用法：npm run grades:rebuild [-- --check]`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = await rebuild(args.includes("--check"));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof Error && typeof code === "string" && OPERATOR_ERRORS.has(code)) {
      console.error(`npm run grades:rebuild 没有运行：${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  }
}
