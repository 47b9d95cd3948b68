import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useTRPC } from "../trpc.ts";

/** A unit's name: the data's (Chinese) name, or its English name in English. */
export function useUnitName(): (unitId: string, fallback?: string) => string {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const units = useQuery(trpc.unit.list.queryOptions());
  return useCallback(
    (unitId: string, fallback?: string) =>
      t(`units.${unitId}`, {
        defaultValue: units.data?.find((u) => u.id === unitId)?.name ?? fallback ?? unitId,
      }),
    [t, units.data],
  );
}
