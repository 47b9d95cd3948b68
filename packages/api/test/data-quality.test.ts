// The data-quality view on the demo database: organisations moved out of their county, onto another's
// spot or to 0/0 are listed with the reason, in the user's region only.
import type { Database } from "@beltmap/db";
import { countyLabelPoint } from "@beltmap/geo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Caller, openDemoDatabase, signIn } from "./support.ts";

let db: Database;
let city: Caller;
let county: Caller; // 柯城区

beforeAll(async () => {
  db = await openDemoDatabase();
  city = (await signIn(db, "demo-city")).call();
  county = (await signIn(db, "demo-county")).call();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe("dataQuality.coordinates", () => {
  it("lists what looks wrong, with each reason, in the user's region", async () => {
    const before = await city.dataQuality.coordinates();
    expect(before.checked).toBe(await db.prisma.organization.count());
    const [a, b, c] = await db.prisma.organization.findMany({
      where: { unitId: "KECHENG", township: { countyCode: "330802" } },
      take: 3,
      orderBy: { id: "asc" },
    });
    if (!a || !b || !c) throw new Error("the demo data has too few 柯城区 organisations");
    const [kaihuaLng, kaihuaLat] = countyLabelPoint("330824");
    // Off the label point itself, where the demo data's own misplaced organisation lies.
    await db.prisma.organization.update({
      where: { id: a.id },
      data: { lng: kaihuaLng + 0.01, lat: kaihuaLat + 0.01 },
    });
    await db.prisma.organization.update({ where: { id: b.id }, data: { lng: c.lng, lat: c.lat } });
    const zero = await db.prisma.organization.findFirstOrThrow({ where: { unitId: "KAIHUA" } });
    await db.prisma.organization.update({ where: { id: zero.id }, data: { lng: 0, lat: 0 } });

    const after = await city.dataQuality.coordinates();
    const of = (id: number) => after.rows.find((r) => r.organizationId === id)?.issues;
    expect(of(a.id)).toEqual([
      {
        kind: "OUTSIDE_COUNTY",
        countyCode: "330802",
        countyName: "柯城区",
        foundIn: "330824",
        foundInName: "开化县",
      },
    ]);
    expect(of(b.id)).toEqual([{ kind: "SAME_SPOT", others: [{ id: c.id, name: c.name }] }]);
    expect(of(c.id)).toEqual([{ kind: "SAME_SPOT", others: [{ id: b.id, name: b.name }] }]);
    expect(of(zero.id)).toEqual([{ kind: "MISSING" }]);
    expect(after.counts.SAME_SPOT - before.counts.SAME_SPOT).toBe(2);

    // 柯城区's user sees 柯城区's rows only.
    const own = await county.dataQuality.coordinates();
    expect(own.rows.every((r) => r.unitId === "KECHENG")).toBe(true);
    expect(own.rows.some((r) => r.organizationId === a.id)).toBe(true);
    expect(own.rows.some((r) => r.organizationId === zero.id)).toBe(false);
  });
});
