import type { PlanVersionDto } from "@beltmap/api";
import type { PlanDiff } from "@beltmap/domain";
import { useTranslation } from "react-i18next";
import { formatTime } from "../lib/format.ts";

/** Version `base` against version `target`, or against the current plan (target null). */
export type Comparison = { base: number; target: number | null };

/**
 * Every submitted version, the city's decision on each, and what changed from one version to
 * another or to the current plan (target null).
 */
export function VersionPanel({
  versions,
  comparing,
  diff,
  onCompare,
}: {
  versions: readonly PlanVersionDto[];
  comparing: Comparison | null;
  diff: PlanDiff | null;
  onCompare: (comparison: Comparison | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const base = comparing?.base ?? null;
  const targetName = (target: number | null) =>
    target === null ? t("plan.currentPlan") : t("plan.versionName", { version: target });
  return (
    <section className="version-panel" data-testid="version-panel">
      <h3>{t("plan.versions")}</h3>
      {versions.length === 0 && <p className="field-hint">{t("plan.noVersions")}</p>}
      <ul className="version-list">
        {[...versions].reverse().map((v) => (
          <li key={v.version} className="version-row" data-testid={`version-${v.version}`}>
            <span>
              {t("plan.versionLine", { version: v.version, time: formatTime(v.submittedAt, i18n.language) })}
              {v.submittedBy && t("plan.by", { name: v.submittedBy })}
            </span>
            {v.decision && (
              <span className={v.decision === "ACCEPTED" ? "tag ok" : "tag warn"}>
                {t(`plan.decision.${v.decision}`)}
                {v.decidedAt && ` ${formatTime(v.decidedAt, i18n.language)}`}
              </span>
            )}
            {v.returnReason && (
              <span className="field-hint">{t("plan.returnedBecause", { reason: v.returnReason })}</span>
            )}
            <button
              type="button"
              className="button small"
              aria-pressed={base === v.version}
              onClick={() => onCompare(base === v.version ? null : { base: v.version, target: null })}
              data-testid={`compare-${v.version}`}
            >
              {base === v.version ? t("plan.stopCompare") : t("plan.compare")}
            </button>
          </li>
        ))}
      </ul>
      {comparing !== null && (
        <label className="field compare-target">
          <span>{t("plan.compareTarget", { version: comparing.base })}</span>
          <select
            value={comparing.target ?? ""}
            onChange={(e) =>
              onCompare({
                base: comparing.base,
                target: e.target.value === "" ? null : Number(e.target.value),
              })
            }
            data-testid="compare-target"
          >
            {[null, ...versions.map((v) => v.version).filter((n) => n !== comparing.base)].map((target) => (
              <option key={target ?? "current"} value={target ?? ""}>
                {targetName(target)}
              </option>
            ))}
          </select>
        </label>
      )}
      {comparing !== null && diff && (
        <div className="diff-summary" data-testid="diff-summary">
          <p className="field-hint">
            {t("plan.diffLegend", { version: comparing.base, target: targetName(comparing.target) })}
          </p>
          <ul>
            {diff.same && <li>{t("plan.diffSame", { version: comparing.base })}</li>}
            {diff.belts.flatMap((b) => {
              const lines: string[] = [];
              if (b.change === "ADDED") lines.push(t("plan.diffAdded", { name: b.name }));
              if (b.change === "REMOVED") lines.push(t("plan.diffRemoved", { name: b.name }));
              if (b.change === "CHANGED") {
                if (b.renamedFrom !== null)
                  lines.push(t("plan.diffRenamed", { from: b.renamedFrom, to: b.name }));
                if (b.addedStopIds.length + b.removedStopIds.length > 0)
                  lines.push(
                    t("plan.diffStops", {
                      name: b.name,
                      added: b.addedStopIds.length,
                      removed: b.removedStopIds.length,
                    }),
                  );
                if (b.reordered) lines.push(t("plan.diffReordered", { name: b.name }));
                if (b.detailsChanged) lines.push(t("plan.diffDetails", { name: b.name }));
              }
              return lines.map((line) => <li key={`${b.beltId}-${line}`}>{line}</li>);
            })}
            {diff.serviceCenter !== "UNCHANGED" && <li>{t(`plan.diffCenter.${diff.serviceCenter}`)}</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
