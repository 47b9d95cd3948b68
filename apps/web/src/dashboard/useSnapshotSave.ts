import { useState } from "react";
import { saveBlob } from "../lib/download.ts";

/**
 * Making a picture and saving it (the dashboard's, the 大屏's slide, the map page's): busy while it
 * is made, failed if it could not be; `make` gives the PNG.
 */
export function useSnapshotSave(): {
  busy: boolean;
  failed: boolean;
  save: (make: () => Promise<Blob>, fileName: string) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const save = async (make: () => Promise<Blob>, fileName: string) => {
    setBusy(true);
    setFailed(false);
    try {
      saveBlob(await make(), fileName);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return { busy, failed, save };
}
