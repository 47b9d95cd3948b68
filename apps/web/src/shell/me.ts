import type { MeDto } from "@beltmap/api";
import { createContext, useContext } from "react";

export const MeContext = createContext<MeDto | null>(null);

/** The signed-in user; only inside the app shell, which renders nothing before it knows. */
export function useMe(): MeDto {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside the signed-in app shell");
  return me;
}
