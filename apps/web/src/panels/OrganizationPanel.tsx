import type { OrganizationDetailDto } from "@beltmap/api";
import { STAGES } from "@beltmap/domain";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { NON_COMPETITOR_COLOR, TIER_COLORS, UNGRADED_COLOR } from "../map/palette.ts";
import { useTRPC } from "../trpc.ts";

/**
 * An organisation as the cycle shown has it (`cycleInput`: the header's cycle, or the one playback
 * shows): its grade and where the grade comes from, its scores, belts and duties; for one that is not
 * a 争创对象, why not, with its 组建方式 and 实体运作.
 */
export function OrganizationPanel({
  id,
  onClose,
  cycleInput = {},
}: {
  id: number;
  onClose: () => void;
  cycleInput?: { cycleId?: number };
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  // Kept while another cycle's answer comes (playback), so the panel does not blink each step.
  const detail = useQuery({
    ...trpc.map.organization.queryOptions({ id, ...cycleInput }),
    placeholderData: (previous) => (previous?.id === id ? previous : undefined),
  });
  const panel = useRef<HTMLElement>(null);

  // Keyboard users land in the panel when it opens (or shows another organisation); Escape closes it.
  useEffect(() => {
    if (id) panel.current?.focus();
  }, [id]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <aside
      ref={panel}
      tabIndex={-1}
      className="org-panel"
      data-testid="org-panel"
      aria-label={detail.data?.name}
    >
      <button type="button" className="close" onClick={onClose} aria-label={t("panel.close")}>
        ×
      </button>
      {detail.isPending && <p>{t("app.loading")}</p>}
      {detail.isError && <p role="alert">{t("app.loadFailed", { message: detail.error.message })}</p>}
      {detail.data && <Details org={detail.data} />}
    </aside>
  );
}

function Details({ org }: { org: OrganizationDetailDto }) {
  const { t } = useTranslation();
  const stages = STAGES.map((stage) => ({ stage, sheet: org.stages.find((s) => s.stage === stage) }));
  const countySheet = org.stages.find((s) => s.stage === "COUNTY_INITIAL");
  const competitor = org.competitor !== false;
  return (
    <>
      <h2 data-testid="org-name">{org.name}</h2>
      {competitor ? (
        <div className="grade-line">
          <span
            className="tier-badge"
            style={{ background: org.tier ? TIER_COLORS[org.tier] : UNGRADED_COLOR }}
          >
            {org.grade ? t(`codes.grade.${org.grade}`) : t("legend.ungraded")}
          </span>
          {org.tier && <span data-testid="org-tier">{t(`codes.tier.${org.tier}`)}</span>}
          {org.total !== null && <span>{t("tooltip.score", { total: org.total })}</span>}
          {org.grade && (
            <span className="muted">
              （{org.gradeIsOfficial ? t("panel.official") : t("panel.provisional")}）
            </span>
          )}
        </div>
      ) : (
        <div className="grade-line">
          <span
            className="tier-badge"
            style={{
              background: "transparent",
              color: NON_COMPETITOR_COLOR,
              border: `2px solid ${NON_COMPETITOR_COLOR}`,
            }}
            data-testid="org-not-competitor"
          >
            {t("cycleMap.panel.notCompetitor")}
          </span>
        </div>
      )}
      {!competitor && org.notCompetitorReason && (
        <p className="org-reason" data-testid="org-not-competitor-reason">
          {org.notCompetitorReason}
        </p>
      )}
      {competitor && org.gradeSource && (
        <p className="muted" data-testid="org-grade-source">
          {t("cycleMap.panel.gradeSource")}：{t(`cycleMap.panel.sources.${org.gradeSource}`)}
        </p>
      )}
      <dl className="facts">
        <dt>{t("panel.kind")}</dt>
        <dd>{t(`codes.orgKind.${org.kind}`)}</dd>
        <dt>{t("panel.unit")}</dt>
        <dd>{t(`units.${org.unitId}`, { defaultValue: org.unitName })}</dd>
        <dt>{t("panel.township")}</dt>
        <dd>{org.townshipName}</dd>
        <dt>{t("panel.address")}</dt>
        <dd>{org.address}</dd>
        <dt>{t("panel.members")}</dt>
        <dd>{org.memberCount}</dd>
        <dt>{t("cycleMap.panel.setupKind")}</dt>
        <dd data-testid="org-setup-kind">{t(`codes.setupKind.${org.setupKind}`)}</dd>
        <dt>{t("cycleMap.panel.entityOperated")}</dt>
        <dd data-testid="org-entity-operated">{org.entityOperated ? t("panel.yes") : t("panel.no")}</dd>
      </dl>
      {competitor && <Stages stages={stages} />}
      {countySheet?.opinion && (
        <p className="opinion">
          <span className="muted">{t("panel.opinion")}：</span>
          {countySheet.opinion}
        </p>
      )}
      <h3>{t("panel.belts")}</h3>
      {org.belts.length === 0 ? (
        <p className="muted">{t("panel.noBelt")}</p>
      ) : (
        <ul className="plain">
          {org.belts.map((b) => (
            <li key={b.id}>
              {b.name} · {t("panel.stopNumber", { n: b.position + 1 })}
            </li>
          ))}
        </ul>
      )}
      {org.duties.length > 0 && (
        <>
          <h3>{t("panel.duties")}</h3>
          <ul className="plain duties" data-testid="duties">
            {org.duties.map((d) => (
              <li key={d.duty} className={d.met ? "met" : "unmet"}>
                {d.met ? "✓" : "✗"} {t(`duties.${d.duty}`)}
                {d.duty === "COMMITTEE_CONTACT" &&
                  org.contactMembers.length > 0 &&
                  `（${org.contactMembers.join("、")}）`}
              </li>
            ))}
          </ul>
          {org.typicalPractice && (
            <p>
              {t("panel.practice")}：{org.typicalPractice}（{t("panel.cityDual")}：
              {org.cityDualManaged ? t("panel.yes") : t("panel.no")}）
            </p>
          )}
        </>
      )}
    </>
  );
}

function Stages({
  stages,
}: {
  stages: {
    stage: OrganizationDetailDto["stages"][number]["stage"];
    sheet: OrganizationDetailDto["stages"][number] | undefined;
  }[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t("panel.stages")}</h3>
      <table className="stages">
        <thead>
          <tr>
            <th>{t("panel.stage")}</th>
            <th>{t("panel.total")}</th>
            <th>{t("panel.grade")}</th>
          </tr>
        </thead>
        <tbody>
          {stages.map(({ stage, sheet }) => (
            <tr key={stage}>
              <td>{t(`codes.stage.${stage}`)}</td>
              <td>{sheet?.status === "SUBMITTED" ? sheet.total : "—"}</td>
              <td>
                {sheet?.status === "SUBMITTED" ? t(`codes.grade.${sheet.grade}`) : t("panel.notSubmitted")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
