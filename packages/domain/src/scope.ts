import type { Role } from "./codes.ts";
import type { FieldError } from "./sheet.ts";

/**
 * Where a user may read and write: the whole city, one unit (创建单位), one township, or one
 * organisation. Regions nest city > unit > township > organisation.
 */
export type Region =
  | { level: "CITY" }
  | { level: "UNIT"; unitId: string }
  | { level: "TOWNSHIP"; townshipId: string }
  | { level: "ORG"; organizationId: number };

export type UserScopeFields = {
  role: Role;
  unitId: string | null;
  townshipId: string | null;
  organizationId: number | null;
};

/** Where an organisation sits: its own unit (for 市经信委 sites, the department) and its township. */
export type OrgLocation = { id: number; unitId: string; townshipId: string };

/** Roles that only read; every write procedure refuses them. */
export const READ_ONLY_ROLES: readonly Role[] = ["LEADER"];

/**
 * The fields each role needs: CITY none; COUNTY a unit; TOWNSHIP a township; ORG an
 * organisation; LEADER a unit or nothing (the whole city). Anything else is refused by field.
 */
export function validateUserScope(user: UserScopeFields): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: "unitId" | "townshipId" | "organizationId", present: boolean, message: string) => {
    if (present) errors.push({ field, message });
  };
  const { role, unitId, townshipId, organizationId } = user;
  need("unitId", role === "COUNTY" && !unitId, "县级用户须指定所属单位");
  need("townshipId", role === "TOWNSHIP" && !townshipId, "乡镇用户须指定所属乡镇（街道、园区）");
  need("organizationId", role === "ORG" && organizationId === null, "组织用户须指定所属党组织");
  need(
    "unitId",
    (role === "CITY" || role === "TOWNSHIP" || role === "ORG") && unitId !== null,
    "该角色不设所属单位",
  );
  need("townshipId", role !== "TOWNSHIP" && townshipId !== null, "该角色不设所属乡镇");
  need("organizationId", role !== "ORG" && organizationId !== null, "该角色不设所属党组织");
  return errors;
}

/** The region of a user; throws on a user whose fields do not fit the role (validateUserScope). */
export function regionOfUser(user: UserScopeFields): Region {
  const errors = validateUserScope(user);
  if (errors.length > 0) throw new Error(`user scope invalid: ${errors.map((e) => e.message).join("; ")}`);
  switch (user.role) {
    case "CITY":
      return { level: "CITY" };
    case "COUNTY":
      return { level: "UNIT", unitId: user.unitId as string };
    case "TOWNSHIP":
      return { level: "TOWNSHIP", townshipId: user.townshipId as string };
    case "ORG":
      return { level: "ORG", organizationId: user.organizationId as number };
    case "LEADER":
      return user.unitId ? { level: "UNIT", unitId: user.unitId } : { level: "CITY" };
  }
}

/**
 * Is the organisation inside the region? A township region holds the organisations registered in
 * that township, whichever unit they belong to (市经信委 sites are reviewed where they lie); a unit
 * region holds the unit's own organisations.
 */
export function regionContains(region: Region, org: OrgLocation): boolean {
  switch (region.level) {
    case "CITY":
      return true;
    case "UNIT":
      return org.unitId === region.unitId;
    case "TOWNSHIP":
      return org.townshipId === region.townshipId;
    case "ORG":
      return org.id === region.organizationId;
  }
}

/** May a user of `region` read unit-level records (belts, quotas, service center) of `unitId`? */
export function regionCoversUnit(region: Region, unitId: string): boolean {
  return region.level === "CITY" || (region.level === "UNIT" && region.unitId === unitId);
}

/** A short stable label for audit rows, e.g. "city", "unit:KECHENG", "township:330802001", "org:17". */
export function regionLabel(region: Region): string {
  switch (region.level) {
    case "CITY":
      return "city";
    case "UNIT":
      return `unit:${region.unitId}`;
    case "TOWNSHIP":
      return `township:${region.townshipId}`;
    case "ORG":
      return `org:${region.organizationId}`;
  }
}
