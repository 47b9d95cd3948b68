import { nextStage, type Role, type SheetStatus, STAGES, type Stage } from "./codes.ts";

/** Who fills in each stage: the organisation, its township, its county (unit), the city. */
export const STAGE_OWNER: Readonly<Record<Stage, Role>> = {
  SELF: "ORG",
  TOWNSHIP_REVIEW: "TOWNSHIP",
  COUNTY_INITIAL: "COUNTY",
  CITY_FINAL: "CITY",
};

/** What is on record for one stage of one organisation's sheet; absent when never saved. */
export type StageRecord = { status: SheetStatus; version: number };
export type SheetStages = Partial<Record<Stage, StageRecord>>;

export type StageAction = "save" | "submit" | "return";

export type ActionCheck = { ok: true } | { ok: false; reason: "FORBIDDEN" | "ORDER"; message: string };

const STAGE_NAMES_ZH: Readonly<Record<Stage, string>> = {
  SELF: "自评",
  TOWNSHIP_REVIEW: "复核",
  COUNTY_INITIAL: "初评",
  CITY_FINAL: "评定",
};

function previousStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) - 1] ?? null;
}

function isSubmitted(stages: SheetStages, stage: Stage | null): boolean {
  return stage !== null && stages[stage]?.status === "SUBMITTED";
}

/**
 * May `role` save, submit or return `stage`, given what the sheet holds? A stage is filled in by
 * its owner once the previous stage is submitted, and locks when submitted. Only the next level
 * returns a submitted stage, and only while its own stage is not yet submitted; the city's
 * determination (评定) is final and is never returned. Scope (whose sheet it is) is checked apart.
 */
export function checkStageAction(args: {
  role: Role;
  stage: Stage;
  action: StageAction;
  stages: SheetStages;
}): ActionCheck {
  const { role, stage, action, stages } = args;
  const name = STAGE_NAMES_ZH[stage];
  if (action === "return") {
    const next = nextStage(stage);
    if (next === null) return { ok: false, reason: "ORDER", message: `${name}为最终结果，不能退回` };
    if (role !== STAGE_OWNER[next]) {
      return {
        ok: false,
        reason: "FORBIDDEN",
        message: `只有负责${STAGE_NAMES_ZH[next]}的一级可以退回${name}`,
      };
    }
    if (!isSubmitted(stages, stage))
      return { ok: false, reason: "ORDER", message: `${name}尚未提交，无需退回` };
    if (isSubmitted(stages, next)) {
      return { ok: false, reason: "ORDER", message: `${STAGE_NAMES_ZH[next]}已提交，不能再退回${name}` };
    }
    return { ok: true };
  }
  if (role !== STAGE_OWNER[stage]) return { ok: false, reason: "FORBIDDEN", message: `无权填写${name}` };
  const previous = previousStage(stage);
  if (previous !== null && !isSubmitted(stages, previous)) {
    return { ok: false, reason: "ORDER", message: `${STAGE_NAMES_ZH[previous]}尚未提交，不能开始${name}` };
  }
  if (isSubmitted(stages, stage)) return { ok: false, reason: "ORDER", message: `${name}已提交并锁定` };
  return { ok: true };
}

/** The stage an organisation is waiting for: the first one not submitted, or null when determined. */
export function pendingStage(stages: SheetStages): Stage | null {
  return STAGES.find((stage) => !isSubmitted(stages, stage)) ?? null;
}

export type StagePermissions = { canEdit: boolean; canReturn: boolean };

/** For the sheet page: what the user may do on each stage right now. */
export function stagePermissions(role: Role, stages: SheetStages): Record<Stage, StagePermissions> {
  const result = {} as Record<Stage, StagePermissions>;
  for (const stage of STAGES) {
    result[stage] = {
      canEdit: checkStageAction({ role, stage, action: "submit", stages }).ok,
      canReturn: checkStageAction({ role, stage, action: "return", stages }).ok,
    };
  }
  return result;
}

export const STAGE_LABELS_ZH = STAGE_NAMES_ZH;

/** A return needs a reason the lower level can act on. */
export function validateReturnReason(reason: string): string | null {
  return reason.trim().length === 0 ? "退回须填写理由" : null;
}

/** The county's opinion (初评意见) is required when the initial evaluation is submitted. */
export function validateOpinion(stage: Stage, opinion: string | null | undefined): string | null {
  if (stage !== "COUNTY_INITIAL") return null;
  return (opinion ?? "").trim().length === 0 ? "提交初评须填写初评意见" : null;
}
