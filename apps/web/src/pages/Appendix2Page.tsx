import "../components/wall.css";
import "../i18n/appendix2.ts"; // this page's strings, loaded with it
import { validateReturnReason } from "@beltmap/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OwnReport } from "../appendix2/OwnReport.tsx";
import { SubmitDialog } from "../appendix2/SubmitDialog.tsx";
import { type UnitAction, UnitsTable } from "../appendix2/UnitsTable.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { NoticeBar } from "../components/NoticeBar.tsx";
import { ReasonDialog } from "../components/ReasonDialog.tsx";
import { serverMessage } from "../lib/errors.ts";
import { formatDay } from "../lib/format.ts";
import { cycleInputOf, useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

type Notice = { kind: "success" | "error"; text: string } | null;

/**
 * 附件2报送: the county submits its 初评结果汇总表 of the cycle (a frozen version), sees where it
 * stands against the deadline and downloads every version; the city sees every unit's and
 * receives or returns the one waiting; a leader looks. A past cycle is history, read-only.
 */
export function Appendix2Page() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const unitName = useUnitName();
  const cycle = useCycle();
  const cycleInput = cycleInputOf(cycle);
  const allowed = me.role === "COUNTY" || me.role === "CITY" || me.role === "LEADER";
  const status = useQuery({
    ...trpc.appendix2.status.queryOptions(cycleInput),
    enabled: allowed,
    staleTime: 0,
  });
  const [submitting, setSubmitting] = useState(false);
  const [action, setAction] = useState<UnitAction | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() });
    return queryClient.invalidateQueries({ queryKey: trpc.appendix2.pathKey() });
  };
  const submit = useMutation(
    trpc.appendix2.submit.mutationOptions({
      onSuccess: async ({ version }) => {
        setSubmitting(false);
        await refresh();
        setNotice({ kind: "success", text: t("appendix2.submitted", { version }) });
      },
      // The refusal shows in the dialog; what the page shows is brought up to date behind it.
      onError: () => void refresh(),
    }),
  );
  const onDecided = async (key: string, done: UnitAction) => {
    setAction(null);
    await refresh();
    setNotice({
      kind: "success",
      text: t(key, { unit: unitName(done.unit.unitId, done.unit.unitName), version: done.version }),
    });
  };
  const receive = useMutation(trpc.appendix2.receive.mutationOptions({ onError: () => void refresh() }));
  const giveBack = useMutation(trpc.appendix2.return.mutationOptions({ onError: () => void refresh() }));

  if (!allowed) {
    return (
      <div className="page-message">
        <p>{t("appendix2.notForRole")}</p>
      </div>
    );
  }

  const data = status.data;
  const writable = !cycle.isPast;
  const deadline = data ? t("appendix2.deadline", { day: formatDay(data.deadline, i18n.language) }) : "";
  const own =
    me.role === "COUNTY" ? (data?.units.find((u) => u.unitId === me.unitId) ?? data?.units[0]) : undefined;
  const actionName = action ? unitName(action.unit.unitId, action.unit.unitName) : "";

  return (
    <div className="page a2-page wall-zoom">
      <div className="page-head">
        <h2>
          {t("appendix2.title")}
          {cycle.selected && (
            <span className="muted"> · {t("app.cycle", { year: cycle.selected.year })}</span>
          )}
        </h2>
        <span className="muted">{t("appendix2.subtitle")}</span>
        {data && (
          <span className="a2-deadline" data-testid="a2-deadline">
            {deadline}
          </span>
        )}
      </div>
      {cycle.isPast && cycle.selected && (
        <p className="notice notice-info" data-testid="a2-history">
          {t("appendix2.history", { year: cycle.selected.year })}
        </p>
      )}
      <NoticeBar
        message={notice?.text}
        kind={notice?.kind}
        onClose={() => setNotice(null)}
        testId="a2-notice"
      />
      <LoadError query={status} />
      {!data && status.isPending && <p className="empty">{t("app.loading")}</p>}

      {own && (
        <OwnReport
          unit={own}
          unitName={unitName(own.unitId, own.unitName)}
          deadline={deadline}
          writable={writable}
          onSubmit={() => {
            submit.reset();
            setNotice(null);
            setSubmitting(true);
          }}
        />
      )}
      {data && me.role !== "COUNTY" && (
        <UnitsTable
          units={data.units}
          unitName={unitName}
          writable={writable && me.role === "CITY"}
          busyUnit={receive.isPending || giveBack.isPending ? (action?.unit.unitId ?? null) : null}
          onAction={(next) => {
            receive.reset();
            giveBack.reset();
            setNotice(null);
            setAction(next);
          }}
        />
      )}

      {submitting && own && (
        <SubmitDialog
          unitId={own.unitId}
          unitName={unitName(own.unitId, own.unitName)}
          version={(own.versions.at(-1)?.version ?? 0) + 1}
          pending={submit.isPending}
          error={submit.isError ? (serverMessage(submit.error) ?? t("app.networkError")) : null}
          onCancel={() => setSubmitting(false)}
          onConfirm={() => submit.mutate({ unitId: own.unitId, ...cycleInput })}
        />
      )}
      {action?.kind === "receive" && (
        <ConfirmDialog
          title={t("appendix2.receiveTitle", { unit: actionName, version: action.version })}
          confirmLabel={t("appendix2.receive")}
          pending={receive.isPending}
          error={receive.isError ? (serverMessage(receive.error) ?? t("app.networkError")) : null}
          onCancel={() => setAction(null)}
          onConfirm={() =>
            receive.mutate(
              { unitId: action.unit.unitId, version: action.version, ...cycleInput },
              { onSuccess: () => void onDecided("appendix2.received", action) },
            )
          }
          testId="a2-receive-dialog"
        >
          {t("appendix2.receiveText")}
        </ConfirmDialog>
      )}
      {action?.kind === "return" && (
        <ReasonDialog
          title={t("appendix2.returnTitle", { unit: actionName, version: action.version })}
          testId="a2-return-dialog"
          hint={t("appendix2.returnHint")}
          label={t("appendix2.returnReason")}
          check={validateReturnReason}
          maxLength={500}
          reasonTestId="a2-return-reason"
          error={giveBack.isError ? (serverMessage(giveBack.error) ?? t("app.networkError")) : null}
          confirmLabel={t("appendix2.returnConfirm")}
          confirmTestId="a2-return-confirm"
          pending={giveBack.isPending}
          onCancel={() => setAction(null)}
          onConfirm={(reason) =>
            giveBack.mutate(
              { unitId: action.unit.unitId, version: action.version, reason, ...cycleInput },
              { onSuccess: () => void onDecided("appendix2.returned", action) },
            )
          }
        />
      )}
    </div>
  );
}
