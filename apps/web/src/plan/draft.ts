// The planner's working copy of a unit's plan, changed only through actions, with undo and redo.
// Pure: no React, no map; the page keeps a History in state.
import type { PlanDto } from "@beltmap/api";
import {
  type BeltKind,
  type LngLat,
  orderStops,
  type PlanFactsJson,
  type PlanServiceCenter,
  planCompliance,
  planFactsFromJson,
  type RuleResult,
} from "@beltmap/domain";

export type DraftBelt = {
  /** Stable within the session: the belt's id, or "new-N" until it is saved. */
  key: string;
  id: number | null;
  name: string;
  theme: string;
  kind: BeltKind;
  roundTrip: boolean;
  stopIds: number[];
};

export type PlanDraft = {
  belts: DraftBelt[];
  serviceCenter: PlanServiceCenter | null;
  /** Numbers the keys of new belts. */
  nextNew: number;
};

export type DraftAction =
  | { type: "addBelt"; name: string; kind: BeltKind }
  | {
      type: "updateBelt";
      key: string;
      changes: Partial<Pick<DraftBelt, "name" | "theme" | "kind" | "roundTrip">>;
    }
  | { type: "deleteBelt"; key: string }
  | { type: "addStop"; key: string; organizationId: number }
  | { type: "removeStop"; key: string; organizationId: number }
  | { type: "moveStop"; key: string; from: number; to: number }
  | { type: "setOrder"; key: string; stopIds: number[] }
  | { type: "setCenter"; center: PlanServiceCenter }
  | { type: "clearCenter" };

export function draftFromPlan(plan: Pick<PlanDto, "belts" | "serviceCenter">): PlanDraft {
  return {
    belts: plan.belts.map((b) => ({
      key: String(b.id),
      id: b.id,
      name: b.name,
      theme: b.theme,
      kind: b.kind,
      roundTrip: b.roundTrip,
      stopIds: b.stops.map((s) => s.organizationId),
    })),
    serviceCenter: plan.serviceCenter && {
      name: plan.serviceCenter.name,
      lng: plan.serviceCenter.lng,
      lat: plan.serviceCenter.lat,
      address: plan.serviceCenter.address,
      organizationId: plan.serviceCenter.organizationId,
    },
    nextNew: 1,
  };
}

/** The new draft, or the same object when the action changes nothing (so it is not an undo step). */
export function applyDraftAction(draft: PlanDraft, action: DraftAction): PlanDraft {
  switch (action.type) {
    case "addBelt":
      return {
        ...draft,
        belts: [
          ...draft.belts,
          {
            key: `new-${draft.nextNew}`,
            id: null,
            name: action.name,
            theme: "",
            kind: action.kind,
            roundTrip: false,
            stopIds: [],
          },
        ],
        nextNew: draft.nextNew + 1,
      };
    case "updateBelt":
      return updateBelt(draft, action.key, (belt) => {
        const changed = Object.entries(action.changes).some(
          ([field, value]) => belt[field as keyof DraftBelt] !== value,
        );
        return changed ? { ...belt, ...action.changes } : belt;
      });
    case "deleteBelt": {
      const belts = draft.belts.filter((b) => b.key !== action.key);
      return belts.length === draft.belts.length ? draft : { ...draft, belts };
    }
    case "addStop":
      return updateBelt(draft, action.key, (belt) =>
        belt.stopIds.includes(action.organizationId)
          ? belt
          : { ...belt, stopIds: [...belt.stopIds, action.organizationId] },
      );
    case "removeStop":
      return updateBelt(draft, action.key, (belt) =>
        belt.stopIds.includes(action.organizationId)
          ? { ...belt, stopIds: belt.stopIds.filter((id) => id !== action.organizationId) }
          : belt,
      );
    case "moveStop":
      return updateBelt(draft, action.key, (belt) => {
        const { from, to } = action;
        const n = belt.stopIds.length;
        if (from === to || from < 0 || to < 0 || from >= n || to >= n) return belt;
        const stopIds = [...belt.stopIds];
        const [moved] = stopIds.splice(from, 1);
        if (moved === undefined) return belt;
        stopIds.splice(to, 0, moved);
        return { ...belt, stopIds };
      });
    case "setOrder":
      return updateBelt(draft, action.key, (belt) => {
        const same =
          action.stopIds.length === belt.stopIds.length &&
          action.stopIds.every((id, i) => belt.stopIds[i] === id);
        const permutation =
          action.stopIds.length === belt.stopIds.length &&
          new Set(action.stopIds).size === belt.stopIds.length &&
          action.stopIds.every((id) => belt.stopIds.includes(id));
        return same || !permutation ? belt : { ...belt, stopIds: [...action.stopIds] };
      });
    case "setCenter": {
      const before = draft.serviceCenter;
      const after = action.center;
      const same =
        before !== null &&
        before.name === after.name &&
        before.address === after.address &&
        before.lng === after.lng &&
        before.lat === after.lat &&
        before.organizationId === after.organizationId;
      return same ? draft : { ...draft, serviceCenter: after };
    }
    case "clearCenter":
      return draft.serviceCenter === null ? draft : { ...draft, serviceCenter: null };
  }
}

function updateBelt(draft: PlanDraft, key: string, change: (belt: DraftBelt) => DraftBelt): PlanDraft {
  let changed = false;
  const belts = draft.belts.map((belt) => {
    if (belt.key !== key) return belt;
    const next = change(belt);
    changed = next !== belt;
    return next;
  });
  return changed ? { ...draft, belts } : draft;
}

// ——— Undo and redo ———

export type History = {
  past: PlanDraft[];
  present: PlanDraft;
  future: PlanDraft[];
  /** What the last step typed into (a belt's text field): more typing there joins that step. */
  typing?: string | undefined;
};

/** How many steps back undo reaches. */
export const HISTORY_LIMIT = 100;

export function historyOf(draft: PlanDraft): History {
  return { past: [], present: draft, future: [] };
}

export function commit(history: History, action: DraftAction): History {
  const next = applyDraftAction(history.present, action);
  if (next === history.present) return history;
  // Typing a name letter by letter is one step to undo, not one per letter.
  const typing = typingTarget(action);
  if (typing !== undefined && typing === history.typing)
    return { past: history.past, present: next, future: [], typing };
  return {
    past: [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    typing,
  };
}

function typingTarget(action: DraftAction): string | undefined {
  if (action.type === "updateBelt") {
    const fields = Object.keys(action.changes);
    if (fields.length === 1 && (fields[0] === "name" || fields[0] === "theme"))
      return `${action.key}.${fields[0]}`;
  }
  return undefined;
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (!previous) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  const [next, ...future] = history.future;
  if (!next) return history;
  return { past: [...history.past, history.present], present: next, future };
}

/** Ends a typing step, so the next keystroke in the same field is an undo step of its own. */
export function endTyping(history: History): History {
  return history.typing === undefined ? history : { ...history, typing: undefined };
}

// ——— What the draft means ———

/** The draft as plan.save takes it. */
export function draftToInput(draft: PlanDraft) {
  return {
    belts: draft.belts.map(({ id, name, theme, kind, roundTrip, stopIds }) => ({
      id,
      name,
      theme,
      kind,
      roundTrip,
      stopIds,
    })),
    serviceCenter: draft.serviceCenter && {
      name: draft.serviceCenter.name,
      address: draft.serviceCenter.address,
      lng: draft.serviceCenter.lng,
      lat: draft.serviceCenter.lat,
      organizationId: draft.serviceCenter.organizationId,
    },
  };
}

/** True when the draft differs from what was saved (keys and the new-belt counter aside). */
export function isDirty(draft: PlanDraft, saved: PlanDraft): boolean {
  return JSON.stringify(draftToInput(draft)) !== JSON.stringify(draftToInput(saved));
}

type Located = { lng: number; lat: number };

/**
 * The belt's stops in the shortest order the domain finds (exact up to 10 stops), optionally
 * starting at the service center: the center is added as a fixed first point, then dropped.
 */
export function optimisedOrder(
  stopIds: readonly number[],
  locate: (id: number) => Located | undefined,
  options: { roundTrip: boolean; startAt?: Located | null },
): number[] {
  const points = stopIds.map((id) => {
    const at = locate(id);
    if (!at) throw new Error(`stop ${id} has no location`);
    return [at.lng, at.lat] as LngLat;
  });
  const start = options.startAt ?? null;
  if (start === null)
    return orderStops(points, { roundTrip: options.roundTrip }).map((i) => stopIds[i] as number);
  const order = orderStops([[start.lng, start.lat], ...points], {
    roundTrip: options.roundTrip,
    startIndex: 0,
  });
  return order.filter((i) => i !== 0).map((i) => stopIds[i - 1] as number);
}

/**
 * The belt rules over the draft as it stands, by the same domain function the server runs. Belts
 * are numbered by their index in the draft (offendingBeltIds are indices here).
 */
export function draftCompliance(draft: PlanDraft, plan: PlanFactsJson): RuleResult[] {
  return planCompliance(
    planFactsFromJson(plan),
    draft.belts.map((b, index) => ({
      id: index,
      name: b.name,
      stopIds: b.stopIds,
    })),
    draft.serviceCenter !== null,
  );
}
