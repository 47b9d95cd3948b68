import type { Grade, Role } from "./codes.ts";

// 附件2 报送: each unit submits its 初评结果汇总表 for the cycle as a frozen snapshot by the cycle's
// deadline (9月20日 in 2017); the city receives it (final) or returns it with a reason, and the
// unit submits again.

export const APPENDIX2_STATUSES = ["NOT_SUBMITTED", "SUBMITTED", "RETURNED", "RECEIVED"] as const;
export type Appendix2Status = (typeof APPENDIX2_STATUSES)[number];

export type Appendix2Action = "SUBMIT" | "RECEIVE" | "RETURN";

export const APPENDIX2_REFUSALS = {
  NOT_SUBMITTER: "只有本单位的县级用户可以报送附件2",
  ALREADY_SUBMITTED: "附件2已报送，正在等待市委两新工委接收",
  ALREADY_RECEIVED: "附件2已被市委两新工委接收，不能再次报送",
  NOT_RECEIVER: "只有市级用户可以接收或退回附件2",
  NOT_WAITING: "只有已报送、待接收的附件2可以接收或退回",
} as const;
export type Appendix2Refusal = keyof typeof APPENDIX2_REFUSALS;

export type Appendix2Check = { ok: true } | { ok: false; code: Appendix2Refusal; reason: string };

function refuse(code: Appendix2Refusal): Appendix2Check {
  return { ok: false, code, reason: APPENDIX2_REFUSALS[code] };
}

export function checkAppendix2Action(args: {
  action: Appendix2Action;
  status: Appendix2Status;
  role: Role;
  /** The user's own unit is the submission's unit. */
  ownUnit: boolean;
}): Appendix2Check {
  const { action, status, role } = args;
  if (action === "SUBMIT") {
    if (role !== "COUNTY" || !args.ownUnit) return refuse("NOT_SUBMITTER");
    if (status === "SUBMITTED") return refuse("ALREADY_SUBMITTED");
    if (status === "RECEIVED") return refuse("ALREADY_RECEIVED");
    return { ok: true };
  }
  if (role !== "CITY") return refuse("NOT_RECEIVER");
  if (status !== "SUBMITTED") return refuse("NOT_WAITING");
  return { ok: true };
}

/** Who acts next on a unit's 附件2; null once the city has received it. */
export function appendix2NextActor(status: Appendix2Status): Role | null {
  switch (status) {
    case "NOT_SUBMITTED":
    case "RETURNED":
      return "COUNTY";
    case "SUBMITTED":
      return "CITY";
    case "RECEIVED":
      return null;
  }
}

/**
 * What the county is told before it submits: organisations whose 初评 is not submitted yet appear
 * in the table without a result. Submitting is still allowed (the deadline may not wait for all).
 */
export function appendix2Warnings(rows: readonly { initialTotal: number | null }[]): string[] {
  const missing = rows.filter((r) => r.initialTotal === null).length;
  return missing === 0 ? [] : [`${missing} 个党组织尚未完成初评，将以空白报送`];
}

// ——— The table itself (附件2 初评结果汇总表), as exported and as frozen when submitted ———

export type Appendix2Row = {
  organizationName: string;
  townshipName: string;
  /** 自评得分, 复核得分, 初评得分: submitted stages only. */
  selfTotal: number | null;
  reviewTotal: number | null;
  initialTotal: number | null;
  /** 初评等次, from initialTotal by gradeFromTotal. */
  initialGrade: Grade | null;
  /** 初评意见 */
  opinion: string | null;
};

export type Appendix2Unit = {
  unitId: string;
  unitName: string;
  excellentQuota: number;
  rows: Appendix2Row[];
};

export type Appendix2Input = {
  /** 填报单位 */
  reportingUnit: string;
  /** 填报时间 */
  reportDate: Date;
  cycleName: string;
  units: Appendix2Unit[];
};
