import type { TownshipDto } from "@beltmap/api";

/** <option>s of townships, grouped by unit when they come from more than one. */
export function TownshipOptions({
  townships,
  unitName,
}: {
  townships: readonly TownshipDto[];
  unitName: (unitId: string) => string;
}) {
  const unitIds = [...new Set(townships.map((tw) => tw.unitId))];
  if (unitIds.length <= 1) {
    return townships.map((tw) => (
      <option key={tw.id} value={tw.id}>
        {tw.name}
      </option>
    ));
  }
  return unitIds.map((unitId) => (
    <optgroup key={unitId} label={unitName(unitId)}>
      {townships
        .filter((tw) => tw.unitId === unitId)
        .map((tw) => (
          <option key={tw.id} value={tw.id}>
            {tw.name}
          </option>
        ))}
    </optgroup>
  ));
}
