import type { PlanDto } from "@beltmap/api";
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  commit,
  type DraftAction,
  draftFromPlan,
  endTyping,
  type History,
  historyOf,
  isDirty,
  type PlanDraft,
  redo,
  undo,
} from "./draft.ts";

/** The draft, what it started from, and the plan revision a save of it must name. */
type EditorState = { unitId: string; key: string; history: History; saved: PlanDraft; baseRevision: number };

const keyOf = (plan: PlanDto) => `${plan.unitId}:${plan.revision}:${plan.status}:${plan.version}`;

function stateOf(plan: PlanDto): EditorState {
  const draft = draftFromPlan(plan);
  return {
    unitId: plan.unitId,
    key: keyOf(plan),
    history: historyOf(draft),
    saved: draft,
    baseRevision: plan.revision,
  };
}

/**
 * The planner's draft of `plan` with undo and redo. A newer plan from the server (someone else's
 * save, a refetch) replaces the draft only while there are no unsaved edits; with edits, the draft
 * keeps the revision it started from, so saving it is refused as stale rather than overwriting.
 */
export function usePlanEditor(plan: PlanDto | undefined) {
  const [state, setState] = useState<EditorState | null>(null);
  const dirty = state !== null && isDirty(state.history.present, state.saved);

  // Runs again when the draft becomes clean (saved or undone), to take a newer plan then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `dirty` is the trigger, read through the state
  useEffect(() => {
    if (!plan) return;
    setState((current) => {
      if (current?.key === keyOf(plan)) return current;
      const sameUnit = current?.unitId === plan.unitId;
      if (sameUnit && isDirty(current.history.present, current.saved)) return current;
      return stateOf(plan);
    });
  }, [plan, dirty]);

  /** Takes the server's plan as the new starting point, dropping the draft (after a save, or on request). */
  const reset = useCallback((fresh: PlanDto) => setState(stateOf(fresh)), []);

  const change = useCallback(
    (step: (history: History) => History) =>
      setState((current) => (current ? { ...current, history: step(current.history) } : current)),
    [],
  );
  const dispatch = useCallback((action: DraftAction) => change((h) => commit(h, action)), [change]);

  const controls = useMemo(
    () => ({
      undo: () => change(undo),
      redo: () => change(redo),
      endTyping: () => change(endTyping),
    }),
    [change],
  );

  // The draft shown belongs to the plan's unit only (another unit's may linger for a render).
  const current = state && plan && state.unitId === plan.unitId ? state : null;
  return {
    draft: current?.history.present ?? null,
    baseRevision: current?.baseRevision ?? null,
    dirty: current !== null && dirty,
    canUndo: (current?.history.past.length ?? 0) > 0,
    canRedo: (current?.history.future.length ?? 0) > 0,
    dispatch,
    reset,
    ...controls,
  };
}
