import "../i18n/cycles.ts"; // this page's strings, loaded with it
import "../cycles/cycles.css";
import type { CycleDetailDto, OpenedCycleDto } from "@beltmap/api";
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LoadError } from "../components/LoadError.tsx";
import { CycleCard } from "../cycles/CycleCard.tsx";
import { BusyNote, EditCycleDialog, OpenCycleDialog } from "../cycles/CycleDialogs.tsx";
import { serverMessage } from "../lib/errors.ts";
import { useCycle } from "../shell/cycle.ts";
import { useMe } from "../shell/me.ts";
import { useTRPC } from "../trpc.ts";

const CARRIED_KEYS = ["grades", "practices", "contacts", "plans", "belts", "serviceCenters"] as const;

/**
 * 年度管理: every cycle, newest first, with its period, deadlines, targets and each unit's quotas
 * beside Appendix 3's. The city opens the next cycle (the current one becomes read-only history)
 * and changes the current one; every other role reads.
 */
export function CyclesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const { selected, current, select } = useCycle();
  const canManage = me.role === "CITY";
  const [dialog, setDialog] = useState<"open" | "edit" | null>(null);
  const [opened, setOpened] = useState<{ result: OpenedCycleDto; previousYear: number | null } | null>(null);
  const [savedYear, setSavedYear] = useState<number | null>(null);

  // The page's own list (the header's is the same query): refreshed on arrival.
  const cycles = useQuery({ ...trpc.cycle.list.queryOptions(), staleTime: 0 });
  const list = cycles.data ?? [];
  const details = useQueries({
    queries: list.map((c) => ({ ...trpc.cycle.get.queryOptions({ cycleId: c.id }), staleTime: 0 })),
  });
  const detailOf = (id: number): CycleDetailDto | undefined => details.find((d) => d.data?.id === id)?.data;
  const currentCycle = list.find((c) => c.isCurrent) ?? null;
  const currentDetail = currentCycle ? detailOf(currentCycle.id) : undefined;

  // Every page reads anew after a change; the cycles themselves first, so the header and this page
  // show the change when the call is reported done.
  const refresh = async () => {
    const cycleQueries = queryClient.invalidateQueries({ queryKey: trpc.cycle.pathKey() });
    void queryClient.invalidateQueries();
    await cycleQueries;
  };
  const open = useMutation(
    trpc.cycle.open.mutationOptions({
      onSuccess: async (result) => {
        const previousYear = currentCycle?.year ?? null;
        // The header goes back to the current cycle (the new one, once the list is read again).
        if (current) select(current.year);
        await refresh();
        setOpened({ result, previousYear });
        setSavedYear(null);
        setDialog(null);
      },
    }),
  );
  const update = useMutation(
    trpc.cycle.update.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        setSavedYear(result.year);
        setOpened(null);
        setDialog(null);
      },
    }),
  );

  const openAction = canManage && (
    <div className="cycle-page-actions">
      {currentDetail && (
        <button
          type="button"
          className="button"
          onClick={() => {
            update.reset();
            setDialog("edit");
          }}
          disabled={open.isPending}
          data-testid="cycle-edit"
        >
          {t("cycleAdmin.edit")}
        </button>
      )}
      <button
        type="button"
        className="button primary"
        onClick={() => {
          open.reset();
          setDialog("open");
        }}
        disabled={!cycles.data || open.isPending}
        data-testid="cycle-open"
      >
        {t("cycleAdmin.open")}
      </button>
    </div>
  );

  return (
    <div className="page cycles-page">
      <div className="page-head">
        <h2>{canManage ? t("cycleAdmin.title") : t("cycleAdmin.titleRead")}</h2>
        {openAction}
      </div>
      <p className="muted cycles-intro">{t("cycleAdmin.intro")}</p>

      {open.isPending && dialog !== "open" && (
        <BusyNote text={t("cycleAdmin.busy", { year: open.variables?.year ?? "" })} />
      )}
      {update.isPending && dialog !== "edit" && <BusyNote text={t("cycleAdmin.form.saving")} />}
      {open.isError && dialog !== "open" && (
        <p className="notice notice-error" role="alert">
          {serverMessage(open.error) ?? t("app.networkError")}
        </p>
      )}
      {update.isError && dialog !== "edit" && (
        <p className="notice notice-error" role="alert">
          {serverMessage(update.error) ?? t("app.networkError")}
        </p>
      )}
      {opened && (
        <div className="notice notice-success" role="status" data-testid="cycle-opened">
          <p>
            <strong>{t("cycleAdmin.opened.title", { year: opened.result.cycle.year })}</strong>
          </p>
          <p>
            {t("cycleAdmin.opened.carried")}
            <span className="cycle-carried" data-testid="cycle-carried">
              {CARRIED_KEYS.map((key) => (
                <span key={key} data-testid={`cycle-carried-${key}`}>
                  {t(`cycleAdmin.opened.${key}`, { count: opened.result.carried[key] })}
                </span>
              ))}
            </span>
          </p>
          {opened.previousYear !== null && (
            <p>{t("cycleAdmin.opened.history", { year: opened.previousYear })}</p>
          )}
          <div className="notice-actions">
            <button type="button" className="button small" onClick={() => setOpened(null)}>
              {t("cycleAdmin.dismiss")}
            </button>
          </div>
        </div>
      )}
      {savedYear !== null && (
        <p className="notice notice-success" role="status" data-testid="cycle-saved">
          {t("cycleAdmin.saved", { year: savedYear })}
        </p>
      )}

      <LoadError query={cycles} />
      {cycles.data && list.length === 0 && <p className="empty">{t("cycleAdmin.empty")}</p>}
      {!cycles.data && !cycles.isError && <p className="muted">{t("cycleAdmin.loading")}</p>}

      <div className="cycle-list" data-testid="cycle-list">
        {list.map((cycle) => (
          <CycleCard
            key={cycle.id}
            cycle={cycle}
            detail={detailOf(cycle.id)}
            shown={selected?.id === cycle.id}
            onShow={() => select(cycle.year)}
          />
        ))}
      </div>

      {dialog === "open" && (
        <OpenCycleDialog
          cycles={list}
          current={currentCycle}
          unfinished={currentDetail?.unfinished ?? null}
          call={{ pending: open.isPending, error: open.error, reset: open.reset }}
          onOpen={(draft) => open.mutate(draft)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "edit" && currentDetail && (
        <EditCycleDialog
          cycles={list}
          cycle={currentDetail}
          call={{ pending: update.isPending, error: update.error, reset: update.reset }}
          onSave={(draft) => update.mutate(draft)}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
