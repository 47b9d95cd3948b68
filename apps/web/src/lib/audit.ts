// An organisation's history (audit.organization) in words: the action's name and a short summary
// of what changed, read off the entry's before/after JSON. Unknown actions keep their code.
import { isGrade, isStage } from "@beltmap/domain";
import { formatScore } from "./scores.ts";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The action codes this page names; others are shown as their code. */
export const AUDIT_ACTIONS = [
  "sheet.save",
  "sheet.submit",
  "sheet.return",
  "grade.determine",
  "grade.determine.override",
  "rereview.record",
  "rereview.approve",
  "rereview.reject",
  "rereview.file",
  "rereview.escalate",
  "rereview.cityApprove",
  "rereview.cityApprove.override",
  "rereview.cityReject",
  "site.delist",
  "practice.select",
  "practice.unselect",
  "duty.countyDualManaged",
  "duty.contact",
] as const;

function keyOf(action: string): string | null {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? action.replaceAll(".", "_") : null;
}

function read(value: unknown, field: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[field] : undefined;
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

function score(value: unknown): string {
  return formatScore(typeof value === "number" ? value : null);
}

export function auditActionName(action: string, t: Translate): string {
  const key = keyOf(action);
  return key ? t(`history.actions.${key}`) : action;
}

/**
 * E.g. 复核 提交 79 分; 退回自评：材料不全; 评定 优秀（超额：…）. `memberName` names committee
 * members by id where the page knows them.
 */
export function auditSummary(
  // AuditEntryDto's fields; before/after are JSON as written, optional over the wire.
  entry: { action: string; before?: unknown; after?: unknown },
  t: Translate,
  memberName: (id: number) => string | undefined = () => undefined,
): string {
  const { after, before } = entry;
  const stageValue = read(after, "stage") ?? read(before, "stage");
  const stage = isStage(stageValue) ? t(`codes.stage.${stageValue}`) : "";
  const gradeName = (value: unknown) => (isGrade(value) ? t(`codes.grade.${value}`) : "—");
  switch (entry.action) {
    case "sheet.save":
      return t("history.summary.save", { stage, total: score(read(after, "total")) });
    case "sheet.submit": {
      const line = t("history.summary.submit", { stage, total: score(read(after, "total")) });
      const opinion = text(read(after, "opinion"));
      return opinion ? `${line}${t("history.summary.opinion", { opinion })}` : line;
    }
    case "sheet.return":
      return t("history.summary.return", { stage, reason: text(read(after, "reason")) });
    case "grade.determine":
      return t("history.summary.determine", {
        grade: gradeName(read(after, "grade")),
        total: score(read(after, "total")),
      });
    case "grade.determine.override":
      return t("history.summary.determineOverride", {
        grade: gradeName(read(after, "grade")),
        reason: text(read(after, "quotaOverrideReason")),
      });
    case "rereview.record": {
      const suggestion = read(after, "suggestion");
      if (suggestion !== "UPGRADE" && suggestion !== "DOWNGRADE") return t("history.summary.recordKeep");
      return t(`history.summary.record${suggestion === "UPGRADE" ? "Upgrade" : "Downgrade"}`, {
        grade: gradeName(read(after, "suggestedGrade")),
      });
    }
    case "rereview.approve":
      return t("history.summary.approve", {
        from: gradeName(read(before, "grade")),
        to: gradeName(read(after, "grade")),
      });
    case "rereview.reject":
      return t("history.summary.reject", { reason: text(read(after, "reason")) });
    case "rereview.file":
      return t("history.summary.file");
    case "rereview.escalate":
      return t("history.summary.escalate");
    case "rereview.cityApprove":
      return t("history.summary.cityApprove", {
        from: gradeName(read(before, "grade")),
        to: gradeName(read(after, "grade")),
      });
    case "rereview.cityApprove.override":
      return t("history.summary.cityApproveOverride", {
        from: gradeName(read(before, "grade")),
        to: gradeName(read(after, "grade")),
        reason: text(read(after, "overQuotaReason")),
      });
    case "rereview.cityReject":
      return t("history.summary.reject", { reason: text(read(after, "reason")) });
    case "site.delist": {
      const effects = read(after, "effects");
      const list = Array.isArray(effects) ? effects.filter((e): e is string => typeof e === "string") : [];
      return t("history.summary.delist", { effects: list.join("；") });
    }
    case "practice.select":
      return t("history.summary.practiceSelect", { title: text(read(after, "title")) });
    case "practice.unselect":
      return t("history.summary.practiceUnselect");
    case "duty.countyDualManaged":
      return t(
        read(after, "countyDualManaged") === true ? "history.summary.dualOn" : "history.summary.dualOff",
      );
    case "duty.contact": {
      const ids = read(after, "memberIds");
      const list = Array.isArray(ids) ? ids.filter((id): id is number => typeof id === "number") : [];
      if (list.length === 0) return t("history.summary.contactNone");
      // Newer rows carry the names; older ones only ids.
      const stored = read(after, "memberNames");
      const storedNames = Array.isArray(stored)
        ? stored.filter((n): n is string => typeof n === "string")
        : [];
      const names = list.map((id, i) => storedNames[i] ?? memberName(id) ?? `#${id}`).join("、");
      return t("history.summary.contact", { names });
    }
    default:
      return "";
  }
}
