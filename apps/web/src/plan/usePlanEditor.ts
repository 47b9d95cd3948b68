import type { PlanDto } from "@beltmap/api";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  commit,
  type DraftAction,
  draftFromPlan,
  type History,
  historyOf,
  isDirty,
  type PlanDraft,
  redo,
  undo,
} from "./draft.ts";

/**
 * The planner's draft of `plan` with undo and redo. A newer plan from the server (after a save, or
 * someone else's) replaces the draft only while there are no unsaved edits: edits are never lost
 * silently; a conflicting save says so instead.
 */
export function usePlanEditor(plan: PlanDto | undefined) {
  const [history, setHistory] = useState<History | null>(null);
  const [saved, setSaved] = useState<PlanDraft | null>(null);
  const loadedKey = useRef<string | null>(null);

  const dirty = history !== null && saved !== null && isDirty(history.present, saved);

  useEffect(() => {
    if (!plan) return;
    const key = `${plan.unitId}:${plan.revision}:${plan.status}:${plan.version}`;
    if (loadedKey.current === key) return;
    const sameUnit = loadedKey.current?.startsWith(`${plan.unitId}:`) ?? false;
    if (sameUnit && dirty) return;
    loadedKey.current = key;
    const fresh = draftFromPlan(plan);
    setSaved(fresh);
    setHistory(historyOf(fresh));
  }, [plan, dirty]);

  /** Takes the server's plan as the new starting point, dropping the draft (after a save, or on request). */
  const reset = useCallback((fresh: PlanDto) => {
    loadedKey.current = `${fresh.unitId}:${fresh.revision}:${fresh.status}:${fresh.version}`;
    const draft = draftFromPlan(fresh);
    setSaved(draft);
    setHistory(historyOf(draft));
  }, []);

  const dispatch = useCallback((action: DraftAction) => {
    setHistory((h) => (h ? commit(h, action) : h));
  }, []);

  const controls = useMemo(
    () => ({
      undo: () => setHistory((h) => (h ? undo(h) : h)),
      redo: () => setHistory((h) => (h ? redo(h) : h)),
      canUndo: (history?.past.length ?? 0) > 0,
      canRedo: (history?.future.length ?? 0) > 0,
    }),
    [history],
  );

  // The draft shown belongs to this plan's unit only (the previous unit's may linger for a render).
  const draft = history && plan && loadedKey.current?.startsWith(`${plan.unitId}:`) ? history.present : null;
  return { draft, dirty, dispatch, reset, ...controls };
}
