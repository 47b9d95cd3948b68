import type { QuotaUseDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

export function quotaClass(quota: QuotaUseDto): string {
  return quota.exceeded ? "quota exceeded" : quota.reached ? "quota reached" : "quota";
}

/** 优秀 quota use per unit: used / quota, reached and exceeded marked in words, not colour alone. */
export function QuotaList({
  quotas,
  unitName,
}: {
  quotas: readonly QuotaUseDto[];
  unitName: (unitId: string) => string;
}) {
  const { t } = useTranslation();
  if (quotas.length === 0) return null;
  return (
    <section className="quota-list" aria-label={t("quota.title")} data-testid="quota-list">
      <span className="quota-list-title">{t("quota.title")}</span>
      <ul>
        {quotas.map((q) => (
          <li key={q.unitId} className={quotaClass(q)} data-testid={`quota-${q.unitId}`}>
            <span>{unitName(q.unitId)}</span>
            <strong>
              {q.used} / {q.quota}
            </strong>
            {q.exceeded ? <em>{t("quota.exceeded")}</em> : q.reached ? <em>{t("quota.reached")}</em> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
