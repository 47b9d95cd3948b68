import type { CoordinateIssueDto } from "@beltmap/api";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadError } from "../components/LoadError.tsx";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

const KINDS: readonly CoordinateIssueDto["kind"][] = ["OUTSIDE_COUNTY", "SHIFTED", "MISSING", "SAME_SPOT"];

/** 数据质量: organisations whose coordinates look wrong, each with a link that flies the map there. */
export function QualityList() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const unitName = useUnitName();
  const quality = useQuery(trpc.dataQuality.coordinates.queryOptions());
  const describe = (issue: CoordinateIssueDto): string => {
    switch (issue.kind) {
      case "MISSING":
        return t("data.issue.MISSING");
      case "OUTSIDE_COUNTY":
        return t("data.issue.OUTSIDE_COUNTY", {
          county: issue.countyName,
          found: issue.foundInName ?? t("data.outsideCity"),
        });
      case "SHIFTED":
        return t("data.issue.SHIFTED", { system: t(`import.systems.${issue.system}`) });
      case "SAME_SPOT":
        return t("data.issue.SAME_SPOT", { names: issue.others.map((o) => o.name).join("、") });
    }
  };
  if (quality.isError) return <LoadError query={quality} />;
  const data = quality.data;
  return (
    <section className="quality" data-testid="quality">
      <h3>{t("data.quality")}</h3>
      {!data ? (
        <p className="field-hint">{t("app.loading")}</p>
      ) : (
        <>
          <p data-testid="quality-summary">
            {t("data.qualitySummary", { checked: data.checked, count: data.rows.length })}
            {KINDS.filter((kind) => data.counts[kind] > 0).map((kind) => (
              <span key={kind} className="tag">
                {t(`data.kind.${kind}`)} {data.counts[kind]}
              </span>
            ))}
          </p>
          {data.rows.length > 0 && (
            <div className="table-wrap">
              <table className="data-table" data-testid="quality-table">
                <thead>
                  <tr>
                    <th scope="col">{t("data.columns.name")}</th>
                    <th scope="col">{t("data.columns.place")}</th>
                    <th scope="col">{t("data.columns.issue")}</th>
                    <th scope="col">{t("data.columns.map")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((row) => (
                    <tr key={row.organizationId} data-org={row.organizationId}>
                      <td>{row.name}</td>
                      <td>
                        {unitName(row.unitId)} · {row.townshipName}
                      </td>
                      <td>{row.issues.map(describe).join("；")}</td>
                      <td>
                        <Link to={`/?org=${row.organizationId}`}>{t("data.showOnMap")}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
