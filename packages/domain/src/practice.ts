/** 典型做法: the city selects them among organisations the city graded 优秀, within the unit's quota. */
export type PracticeSelectionCheck = { ok: true } | { ok: false; field: string; message: string };

export function checkPracticeSelection(args: {
  officialGrade: string | null;
  alreadySelected: boolean;
  selectedInUnit: number;
  practiceQuota: number;
  title: string;
}): PracticeSelectionCheck {
  if (args.title.trim() === "") return { ok: false, field: "title", message: "请填写典型做法名称" };
  if (args.officialGrade !== "EXCELLENT") {
    return { ok: false, field: "organizationId", message: "只能从评定为优秀的党组织中选树典型做法" };
  }
  if (args.alreadySelected) return { ok: false, field: "organizationId", message: "该组织已选树为典型做法" };
  if (args.selectedInUnit >= args.practiceQuota) {
    return {
      ok: false,
      field: "organizationId",
      message: `本单位典型做法名额为 ${args.practiceQuota} 个，已选 ${args.selectedInUnit} 个，名额已满`,
    };
  }
  return { ok: true };
}
