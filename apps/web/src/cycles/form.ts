import type { CycleDetailDto, CycleSummaryDto } from "@beltmap/api";
import {
  APPENDIX3_UNITS,
  CYCLE_TARGET_KEYS,
  type CycleDraft,
  type CyclePeriod,
  type CycleProblem,
  type CycleTargets,
  chinaDayOf,
  defaultCycleDraft,
  validateCycleDraft,
} from "@beltmap/domain";

// The 年度 form as typed: numbers stay text until checked, so "" and "1.5" reach the domain's
// checks (validateCycleDraft, the same the server runs) and come back as its messages.

export type TargetKey = (typeof CYCLE_TARGET_KEYS)[number];

export type QuotaRow = { unitId: string; excellentQuota: string; practiceQuota: string; reason: string };

export type CycleForm = {
  year: string;
  name: string;
  startsOn: string;
  endsOn: string;
  beltPlanDeadline: string;
  initialSummaryDeadline: string;
  targets: Record<TargetKey, string>;
  /** In Appendix 3's order, one row per unit. */
  quotas: QuotaRow[];
};

export type DayField = "startsOn" | "endsOn" | "beltPlanDeadline" | "initialSummaryDeadline";
export const DAY_FIELDS: readonly DayField[] = [
  "startsOn",
  "endsOn",
  "beltPlanDeadline",
  "initialSummaryDeadline",
];

function targetsText(targets: CycleTargets): Record<TargetKey, string> {
  return Object.fromEntries(CYCLE_TARGET_KEYS.map((k) => [k, String(targets[k])])) as Record<
    TargetKey,
    string
  >;
}

function formOf(draft: CycleDraft): CycleForm {
  return {
    year: String(draft.year),
    name: draft.name,
    startsOn: draft.startsOn,
    endsOn: draft.endsOn,
    beltPlanDeadline: draft.beltPlanDeadline,
    initialSummaryDeadline: draft.initialSummaryDeadline,
    targets: targetsText(draft.targets),
    quotas: draft.quotas.map((q) => ({
      unitId: q.unitId,
      excellentQuota: String(q.excellentQuota),
      practiceQuota: String(q.practiceQuota),
      reason: q.reason,
    })),
  };
}

/** The year after the latest on record, as the domain would start it (Appendix 3's quotas). */
export function openingForm(cycles: readonly Pick<CycleSummaryDto, "year">[]): CycleForm {
  const latest = cycles.reduce((max, c) => Math.max(max, c.year), 0);
  const year = latest > 0 ? latest + 1 : new Date().getFullYear();
  return formOf(defaultCycleDraft(year, APPENDIX3_UNITS));
}

/** A cycle as it stands (the current one, to be changed): deadlines as their China days. */
export function editingForm(cycle: CycleDetailDto): CycleForm {
  const quotaOf = (unitId: string) => cycle.quotas.find((q) => q.unitId === unitId);
  return formOf({
    year: cycle.year,
    name: cycle.name,
    startsOn: cycle.startsOn,
    endsOn: cycle.endsOn,
    beltPlanDeadline: chinaDayOf(new Date(cycle.beltPlanDeadline)),
    initialSummaryDeadline: chinaDayOf(new Date(cycle.initialSummaryDeadline)),
    targets: cycle.targets,
    quotas: APPENDIX3_UNITS.map((u) => {
      const quota = quotaOf(u.id);
      return {
        unitId: u.id,
        excellentQuota: quota?.excellentQuota ?? u.excellentQuota,
        practiceQuota: quota?.practiceQuota ?? u.practiceQuota,
        reason: quota?.reason ?? "",
      };
    }),
  });
}

/** A count as typed: blank is no number (the domain then says it must be a whole number ≥ 0). */
function count(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text.trim());
}

export function draftOf(form: CycleForm): CycleDraft {
  return {
    year: count(form.year),
    name: form.name,
    startsOn: form.startsOn.trim(),
    endsOn: form.endsOn.trim(),
    beltPlanDeadline: form.beltPlanDeadline.trim(),
    initialSummaryDeadline: form.initialSummaryDeadline.trim(),
    targets: Object.fromEntries(CYCLE_TARGET_KEYS.map((k) => [k, count(form.targets[k])])) as CycleTargets,
    quotas: form.quotas.map((q) => ({
      unitId: q.unitId,
      excellentQuota: count(q.excellentQuota),
      practiceQuota: count(q.practiceQuota),
      reason: q.reason,
    })),
  };
}

export function periodsOf(cycles: readonly CycleSummaryDto[]): CyclePeriod[] {
  return cycles.map((c) => ({ id: c.id, year: c.year, startsOn: c.startsOn, endsOn: c.endsOn }));
}

/**
 * What is wrong with the form, as the server would say it: opening checks against every cycle on
 * record; changing the current one against every other.
 */
export function formProblems(
  form: CycleForm,
  cycles: readonly CycleSummaryDto[],
  editing: { id: number } | null,
): CycleProblem[] {
  return validateCycleDraft(draftOf(form), {
    others: periodsOf(editing ? cycles.filter((c) => c.id !== editing.id) : cycles),
    units: APPENDIX3_UNITS,
    opening: editing === null,
  });
}

/** Field → its first message (the fields are the domain's: `year`, `targets.good`, `quotas[3].reason`…). */
export function byField(problems: readonly CycleProblem[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const p of problems) found[p.field] ??= p.message;
  return found;
}

/** Whether a unit's row differs from Appendix 3 (then it needs a reason). */
export function differsFromAppendix3(row: QuotaRow): boolean {
  const unit = APPENDIX3_UNITS.find((u) => u.id === row.unitId);
  if (!unit) return false;
  return count(row.excellentQuota) !== unit.excellentQuota || count(row.practiceQuota) !== unit.practiceQuota;
}
