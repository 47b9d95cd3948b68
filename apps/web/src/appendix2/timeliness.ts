import type { Appendix2UnitStatusDto, SubmissionTimelinessDto } from "@beltmap/api";
import type { TFunction } from "i18next";

// Where a unit's 附件2 stands against the deadline, in words (the state itself is the domain's
// submissionTimeliness, computed on the server).

/** The county's own line: days left or late while not submitted, else how its first report came. */
export function ownTimeliness(t: TFunction, timeliness: SubmissionTimelinessDto): string {
  switch (timeliness.state) {
    case "OPEN":
      return timeliness.daysLeft === 0
        ? t("appendix2.own.OPEN_TODAY")
        : t("appendix2.own.OPEN", { count: timeliness.daysLeft });
    case "OVERDUE":
      return t("appendix2.own.OVERDUE", { count: timeliness.daysLate });
    case "ON_TIME":
      return t("appendix2.own.ON_TIME");
    case "LATE":
      return t("appendix2.own.LATE", { count: timeliness.daysLate });
  }
}

export type UnitTimeliness = {
  /** 未报送 / 按期 / 逾期 */
  label: string;
  /** Days left or late, when it says more. */
  detail: string | null;
  late: boolean;
  /** 已重新报送 (after a return). */
  resubmitted: boolean;
};

/** The city's column: 未报送 (with days left or late), 按期, 逾期, and 已重新报送 beside it. */
export function unitTimeliness(t: TFunction, unit: Appendix2UnitStatusDto): UnitTimeliness {
  const { state, daysLeft, daysLate } = unit.timeliness;
  const resubmitted = unit.resubmitted;
  switch (state) {
    case "OPEN":
      return {
        label: t("appendix2.timeliness.NOT_SUBMITTED"),
        detail: daysLeft === 0 ? t("appendix2.leftToday") : t("appendix2.left", { count: daysLeft }),
        late: false,
        resubmitted,
      };
    case "OVERDUE":
      return {
        label: t("appendix2.timeliness.NOT_SUBMITTED"),
        detail: t("appendix2.late", { count: daysLate }),
        late: true,
        resubmitted,
      };
    case "ON_TIME":
      return { label: t("appendix2.timeliness.ON_TIME"), detail: null, late: false, resubmitted };
    case "LATE":
      return {
        label: t("appendix2.timeliness.LATE"),
        detail: t("appendix2.lateBy", { count: daysLate }),
        late: true,
        resubmitted,
      };
  }
}

/** 已退回（理由） for a returned one; the status's name otherwise. */
export function statusText(t: TFunction, unit: Appendix2UnitStatusDto): string {
  if (unit.status === "RETURNED") {
    const reason = unit.versions.at(-1)?.returnReason;
    if (reason) return t("appendix2.returnedWith", { reason });
  }
  return t(`appendix2.status.${unit.status}`);
}
