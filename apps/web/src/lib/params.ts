import { useSearchParams } from "react-router";

/**
 * The page's filters live in the URL (shareable, kept on reload); empty values are dropped. A change
 * shows at once (flushSync rather than a transition): a checkbox or a select bound to the URL
 * reflects the click that changed it before anything else is read.
 */
export function useParamUpdater(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === "") next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true, flushSync: true },
    );
  return [params, update];
}
