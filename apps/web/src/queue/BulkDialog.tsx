import type { BulkResultDto, QueueRowDto } from "@beltmap/api";
import {
  delistingEffectText,
  isDelisting,
  type Role,
  STAGES,
  type Stage,
  validateReturnReason,
} from "@beltmap/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../components/Dialog.tsx";
import { issuesByField, serverMessage } from "../lib/errors.ts";
import { DelistingList } from "../rereviews/DelistingList.tsx";
import { useCycleInput } from "../shell/cycle.ts";
import { useTRPC } from "../trpc.ts";

type Step = "form" | "confirm" | "results";

/**
 * One action on every row the filters show (county on 待初评, city on 待评定): adopt the previous
 * stage's scores and submit, or return the previous stage. Form → confirmation naming the number
 * of rows → the server's result for each row.
 */
export function BulkDialog({
  rows: givenRows,
  stage,
  role,
  onClose,
}: {
  rows: readonly QueueRowDto[];
  stage: Stage;
  role: Role;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cycleInput = useCycleInput();
  const [rows] = useState(givenRows);
  const [step, setStep] = useState<Step>("form");
  const [action, setAction] = useState<"adopt" | "return">("adopt");
  const [opinion, setOpinion] = useState(() => (role === "COUNTY" ? t("bulk.opinionDefault") : ""));
  const [overrideReason, setOverrideReason] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [results, setResults] = useState<BulkResultDto[]>([]);
  const opinionId = useId();
  const reasonId = useId();
  const overrideId = useId();
  const errorId = useId();

  // 评定 below 优秀 of a standing 示范点 is a 摘牌: the city reads which before it confirms. The
  // map's standing (official) grades say which organisations are 示范点 now.
  const determining = role === "CITY" && stage === "CITY_FINAL";
  const organizations = useQuery({ ...trpc.map.organizations.queryOptions(), enabled: determining });
  const delisted = (() => {
    if (!determining || !organizations.data) return [];
    const sites = new Set(
      organizations.data.filter((o) => o.gradeIsOfficial && o.grade === "EXCELLENT").map((o) => o.id),
    );
    return rows.flatMap((r) =>
      sites.has(r.organizationId) && r.previousGrade && isDelisting("EXCELLENT", r.previousGrade)
        ? [`${r.name}：${delistingEffectText({ kind: "LOSES_SITE_STATUS", gradeAfter: r.previousGrade })}`]
        : [],
    );
  })();

  const previous = STAGES[STAGES.indexOf(stage) - 1] as Stage;
  const names = { stage: t(`codes.stage.${stage}`), previous: t(`codes.stage.${previous}`) };
  const count = rows.length;

  const bulk = useMutation(
    trpc.queue.bulk.mutationOptions({
      onSuccess: (answer) => {
        setResults(answer);
        setStep("results");
        void queryClient.invalidateQueries({ queryKey: trpc.queue.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.sheet.get.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.map.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() });
      },
      onError: (error) => {
        const issues = issuesByField(error);
        const field = Object.keys(issues)[0] ?? "";
        setProblem({ field, message: serverMessage(error) ?? t("app.networkError") });
        setStep("form");
      },
    }),
  );

  const check = (): boolean => {
    if (action === "return" && validateReturnReason(reason) !== null) {
      setProblem({ field: "reason", message: t("sheet.reasonRequired") });
      return false;
    }
    if (action === "adopt" && role === "COUNTY" && opinion.trim() === "") {
      setProblem({ field: "opinion", message: t("sheet.opinionRequired") });
      return false;
    }
    setProblem(null);
    return true;
  };

  const run = () => {
    const payload = rows.map((r) => ({
      organizationId: r.organizationId,
      version: r.version,
      previousVersion: r.previousVersion ?? 0,
    }));
    if (action === "adopt") {
      bulk.mutate({
        ...cycleInput,
        action: "adopt",
        stage,
        rows: payload,
        opinion: role === "COUNTY" ? opinion.trim() : null,
        overrideReason: overrideReason.trim() || null,
      });
    } else {
      bulk.mutate({ ...cycleInput, action: "return", stage, rows: payload, reason: reason.trim() });
    }
  };

  const nameOf = new Map(rows.map((r) => [r.organizationId, r.name]));
  const okCount = results.filter((r) => r.ok).length;
  const invalid = (field: string) => (problem?.field === field ? true : undefined);

  return (
    <Dialog open title={t("bulk.title", { count })} onClose={onClose} testId="bulk-dialog" wide>
      {step === "form" && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (check()) setStep("confirm");
          }}
        >
          <fieldset className="choice">
            <legend>{t("bulk.action")}</legend>
            <label>
              <input
                type="radio"
                name="bulk-action"
                checked={action === "adopt"}
                onChange={() => setAction("adopt")}
              />
              {t("bulk.adopt", names)}
            </label>
            <label>
              <input
                type="radio"
                name="bulk-action"
                checked={action === "return"}
                onChange={() => setAction("return")}
                data-testid="bulk-action-return"
              />
              {t("bulk.return", names)}
            </label>
          </fieldset>
          {action === "adopt" && role === "COUNTY" && (
            <div className="field">
              <label htmlFor={opinionId}>{t("sheet.opinion")}</label>
              <textarea
                id={opinionId}
                rows={2}
                value={opinion}
                onChange={(event) => setOpinion(event.target.value)}
                aria-invalid={invalid("opinion")}
                aria-describedby={problem ? errorId : undefined}
                data-testid="bulk-opinion"
              />
            </div>
          )}
          {action === "adopt" && role === "CITY" && (
            <div className="field">
              <label htmlFor={overrideId}>{t("bulk.overrideReason")}</label>
              <textarea
                id={overrideId}
                rows={2}
                value={overrideReason}
                onChange={(event) => setOverrideReason(event.target.value)}
                aria-invalid={invalid("overrideReason")}
                aria-describedby={problem ? errorId : undefined}
              />
            </div>
          )}
          {action === "return" && (
            <div className="field">
              <label htmlFor={reasonId}>{t("sheet.returnReason")}</label>
              <textarea
                id={reasonId}
                rows={3}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                aria-invalid={invalid("reason")}
                aria-describedby={problem ? errorId : undefined}
                data-testid="bulk-reason"
              />
            </div>
          )}
          <p id={errorId} className="form-error" aria-live="assertive">
            {problem?.message}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="button primary" data-testid="bulk-next">
              {t("common.next")}
            </button>
          </div>
        </form>
      )}

      {step === "confirm" && (
        <div>
          <p className="confirm-text" data-testid="bulk-confirm-text">
            {action === "adopt"
              ? t("bulk.confirmAdopt", { count, ...names })
              : t("bulk.confirmReturn", { count, ...names, reason: reason.trim() })}
          </p>
          <ul className="bulk-names">
            {rows.slice(0, 8).map((r) => (
              <li key={r.organizationId}>{r.name}</li>
            ))}
            {count > 8 && <li className="muted">{t("bulk.andMore", { count: count - 8 })}</li>}
          </ul>
          {action === "adopt" && delisted.length > 0 && (
            <>
              <DelistingList
                heading={t("bulk.delisting", { count: delisted.length })}
                texts={delisted}
                testId="bulk-delisting"
              />
              <p className="field-hint">{t("bulk.delistingHint")}</p>
            </>
          )}
          <div className="dialog-actions">
            <button
              type="button"
              className="button"
              onClick={() => setStep("form")}
              disabled={bulk.isPending}
            >
              {t("common.back")}
            </button>
            <button
              type="button"
              className="button primary"
              onClick={run}
              disabled={bulk.isPending || (determining && organizations.isPending)}
              data-testid="bulk-confirm"
            >
              {bulk.isPending ? t("bulk.running", { count }) : t("bulk.confirm")}
            </button>
          </div>
        </div>
      )}

      {step === "results" && (
        <div>
          <p role="status" data-testid="bulk-summary">
            {t("bulk.results", { ok: okCount, failed: results.length - okCount })}
          </p>
          <ul className="bulk-results" data-testid="bulk-results">
            {results.map((r) => (
              <li key={r.organizationId} className={r.ok ? "ok" : "failed"}>
                <span className="result-mark" aria-hidden="true">
                  {r.ok ? "✓" : "✗"}
                </span>
                <span className="result-name">{nameOf.get(r.organizationId) ?? r.organizationId}</span>
                <span className="result-message">
                  {r.ok ? t("bulk.ok") : t("bulk.failedWith", { message: r.message })}
                </span>
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={onClose} data-testid="bulk-close">
              {t("common.close")}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
