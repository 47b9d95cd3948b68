import { useCallback, useState } from "react";

export type RowStates = {
  /** The rows whose call is on its way. */
  busy: ReadonlySet<number>;
  /** Each row's last refusal, shown on the row. */
  errors: Readonly<Record<number, string>>;
  setBusy: (id: number, on: boolean) => void;
  /** Shows `message` on the row, or clears it (null). */
  setError: (id: number, message: string | null) => void;
};

/** The state of a table whose rows each save on their own: which are busy, and each one's error. */
export function useRowStates(): RowStates {
  const [busy, setBusySet] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<Readonly<Record<number, string>>>({});
  const setBusy = useCallback(
    (id: number, on: boolean) =>
      setBusySet((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const setError = useCallback(
    (id: number, message: string | null) =>
      setErrors(({ [id]: _dropped, ...rest }) => (message ? { ...rest, [id]: message } : rest)),
    [],
  );
  return { busy, errors, setBusy, setError };
}
