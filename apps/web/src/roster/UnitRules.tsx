import type { RosterUnitDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";
import { DutyMark } from "../sites/DutyMark.tsx";

/**
 * Per unit, the rule 每位委员联系一家示范点，每个示范点有联系委员 (domain rosterCompliance, computed
 * by the server): ✓/✗, the counts, and who or what breaks it — members without a site, sites
 * without a contact, members with several sites. The city picks a unit here to see its members.
 */
export function UnitRules({
  units,
  memberName,
  unitName,
  selectedUnitId,
  onSelectUnit,
}: {
  units: readonly RosterUnitDto[];
  memberName: (id: number) => string;
  unitName: (unitId: string, fallback: string) => string;
  selectedUnitId: string | null;
  /** The city's choice of unit (null: no choice offered, e.g. a county's own). */
  onSelectUnit: ((unitId: string) => void) | null;
}) {
  const { t } = useTranslation();
  const failing = units.filter((u) => !u.passed);
  const passing = units.filter((u) => u.passed);
  const compact = units.length > 1;
  const card = { memberName, unitName, selectedUnitId, onSelectUnit };
  return (
    <section className="roster-rules" aria-labelledby="roster-rule-title" data-testid="roster-rules">
      <h3 id="roster-rule-title" className="roster-rule-title">
        {t("rules.COMMITTEE_CONTACTS")}
        <span className="field-hint">{t("roster.ruleSource")}</span>
      </h3>
      {/* Several units (the city): those that break the rule in full, the others in a line. */}
      {failing.length > 0 && (
        <ul className="roster-units">
          {failing.map((unit) => (
            <UnitCard key={unit.unitId} unit={unit} {...card} />
          ))}
        </ul>
      )}
      {passing.length > 0 && (
        <ul className={compact ? "roster-unit-chips" : "roster-units"}>
          {passing.map((unit) =>
            compact ? (
              <UnitChip key={unit.unitId} unit={unit} {...card} />
            ) : (
              <UnitCard key={unit.unitId} unit={unit} {...card} />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

type CardProps = {
  unit: RosterUnitDto;
  memberName: (id: number) => string;
  unitName: (unitId: string, fallback: string) => string;
  selectedUnitId: string | null;
  onSelectUnit: ((unitId: string) => void) | null;
};

function UnitName({ unit, unitName, selectedUnitId, onSelectUnit }: Omit<CardProps, "memberName">) {
  const { t } = useTranslation();
  const name = unitName(unit.unitId, unit.unitName);
  return onSelectUnit ? (
    <button
      type="button"
      className="link-button roster-unit-name"
      aria-pressed={unit.unitId === selectedUnitId}
      title={t("roster.showUnit", { unit: name })}
      onClick={() => onSelectUnit(unit.unitId)}
    >
      {name}
    </button>
  ) : (
    <strong className="roster-unit-name">{name}</strong>
  );
}

/** A unit in full: ✓/✗, the counts, and what breaks the rule. */
function UnitCard(props: CardProps) {
  const { t } = useTranslation();
  const { unit, memberName, selectedUnitId } = props;
  return (
    <li
      className={`roster-unit${unit.passed ? "" : " failed"}${unit.unitId === selectedUnitId ? " selected" : ""}`}
      data-testid={`roster-unit-${unit.unitId}`}
      data-passed={unit.passed ? "true" : "false"}
    >
      <div className="roster-unit-head">
        <UnitName {...props} />
        <DutyMark met={unit.passed} label={t(unit.passed ? "roster.passed" : "roster.failed")} />
      </div>
      <p className="roster-unit-counts" data-testid="roster-unit-counts">
        {t("roster.unitCounts", {
          members: unit.activeMembers,
          sites: unit.sites,
          withContact: unit.sitesWithContact,
        })}
      </p>
      <Problems
        label={t("roster.membersWithoutSite", { count: unit.membersWithoutSite.length })}
        names={unit.membersWithoutSite.map(memberName)}
        testId="members-without-site"
      />
      <Problems
        label={t("roster.sitesWithoutContact", { count: unit.sitesWithoutContact.length })}
        names={unit.sitesWithoutContact.map((s) => s.name)}
        testId="sites-without-contact"
      />
      <Problems
        label={t("roster.membersWithSeveralSites", { count: unit.membersWithSeveralSites.length })}
        names={unit.membersWithSeveralSites.map(memberName)}
        testId="members-with-several"
      />
    </li>
  );
}

/** A unit that keeps the rule, in a line with the others: ✓ and its counts, short. */
function UnitChip(props: CardProps) {
  const { t } = useTranslation();
  const { unit, selectedUnitId } = props;
  const counts = t("roster.unitCounts", {
    members: unit.activeMembers,
    sites: unit.sites,
    withContact: unit.sitesWithContact,
  });
  return (
    <li
      className={`roster-unit-chip${unit.unitId === selectedUnitId ? " selected" : ""}`}
      title={counts}
      data-testid={`roster-unit-${unit.unitId}`}
      data-passed="true"
    >
      <UnitName {...props} />
      <DutyMark met label={t("roster.passed")} />
      <span className="roster-chip-counts" data-testid="roster-unit-counts">
        {t("roster.chipCounts", {
          members: unit.activeMembers,
          sites: unit.sites,
          withContact: unit.sitesWithContact,
        })}
      </span>
    </li>
  );
}

function Problems({ label, names, testId }: { label: string; names: string[]; testId: string }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  return (
    <p className="roster-problem" data-testid={testId}>
      <span className="roster-problem-label">{label}</span>
      {names.join(t("roster.listSeparator"))}
    </p>
  );
}
