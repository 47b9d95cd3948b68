import type { Role } from "@beltmap/domain";

export type ScopeForm = { role: Role; unitId: string; townshipId: string; organizationId: number | null };

/**
 * The region fields a role takes, the others null (the server checks the same, field by field):
 * COUNTY a unit; LEADER a unit or none (the whole city); TOWNSHIP a township; ORG an organisation.
 */
export function scopeOf(form: ScopeForm) {
  return {
    role: form.role,
    unitId: form.role === "COUNTY" || form.role === "LEADER" ? form.unitId || null : null,
    townshipId: form.role === "TOWNSHIP" ? form.townshipId || null : null,
    organizationId: form.role === "ORG" ? form.organizationId : null,
  };
}
