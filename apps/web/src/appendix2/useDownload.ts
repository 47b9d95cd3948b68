import { useMutation } from "@tanstack/react-query";
import { saveBase64File } from "../lib/download.ts";
import { useCycle } from "../shell/cycle.ts";
import { trpcClient } from "../trpc.ts";
import { withCycleYear } from "./files.ts";

/** Downloads a submitted version of a unit's 附件2 as it was frozen, of the cycle shown. */
export function useVersionDownload() {
  const cycle = useCycle();
  return useMutation({
    mutationFn: (input: { unitId: string; version: number }) =>
      trpcClient.appendix2.download.query({
        ...input,
        ...(cycle.isPast && cycle.selected ? { cycleId: cycle.selected.id } : {}),
      }),
    onSuccess: (file) =>
      saveBase64File({ ...file, fileName: withCycleYear(file.fileName, cycle.selected?.year) }),
  });
}
