// The headline figures of the dashboard and the briefing screen, as the seed states its targets:
// 示范点 (优秀) against 100 and 典型做法 against 50 (a unit's against its own quotas), the
// organisations not scored counted apart, and the cycle they are of. Pure; unit-tested.
import type { DashboardSummaryDto } from "@beltmap/api";
import type { Translate } from "./chart-options.ts";

export type TargetFigure = { key: "excellent" | "practices"; value: number; of: number; ofText: string };

/**
 * The seed's headline targets: 示范点 (优秀) against 100 and 典型做法 against 50 for the city; a unit's
 * against its own quotas. A township's or an organisation's reader sees its own count against the
 * quota of the whole unit and how much of it the unit has used ("1 / 柯城区名额 12 个，已用 12 个").
 */
export function targetFigures(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
): TargetFigure[] {
  const unit = unitId === null ? undefined : summary.perUnit.find((u) => u.unitId === unitId);
  if (unit) {
    const ofQuota = (quota: number, used: number) =>
      summary.region.partOfUnit
        ? t("summary.ofUnitQuota", { unit: unitLabel(unit, t), quota, used })
        : t("summary.ofQuota", { quota });
    return [
      {
        key: "excellent",
        value: unit.excellent,
        of: unit.quota,
        ofText: ofQuota(unit.quota, unit.quotaUsed),
      },
      {
        key: "practices",
        value: unit.practices,
        of: unit.practiceQuota,
        ofText: ofQuota(unit.practiceQuota, unit.practiceQuotaUsed),
      },
    ];
  }
  return [
    {
      key: "excellent",
      value: summary.excellentOfficial,
      of: summary.targets.excellent,
      ofText: t("summary.ofTarget", { target: summary.targets.excellent }),
    },
    {
      key: "practices",
      value: summary.practicesTotal,
      of: summary.targets.practices,
      ofText: t("summary.ofTarget", { target: summary.targets.practices }),
    },
  ];
}

/** The unit's name in the reader's language. */
function unitLabel(unit: DashboardSummaryDto["perUnit"][number], t: Translate): string {
  return t(`units.${unit.unitId}`, { defaultValue: unit.unitName });
}

/** "另有 25 个非争创对象（联建或非实体运作），不参加评分", or null when there are none. */
export function nonCompetitorText(
  summary: DashboardSummaryDto,
  unitId: string | null,
  t: Translate,
): string | null {
  const unit = unitId === null ? undefined : summary.perUnit.find((u) => u.unitId === unitId);
  const count = unit ? unit.nonCompetitors : summary.nonCompetitors;
  return count > 0 ? t("dashboard.nonCompetitors", { count }) : null;
}

/** The cycle the figures are of, for a title: "2026 年度". */
export function cycleLabel(summary: Pick<DashboardSummaryDto, "cycle">, t: Translate): string {
  return t("dashboard.cycle", { year: summary.cycle.year });
}
