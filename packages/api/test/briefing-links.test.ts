// Revocable read-only links to the briefing screen: the city makes one for a scope; a wall display
// opens it without a personal login and sees that scope only, read only; revoking it signs the
// display out at once and the link opens nothing any more.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller, createContextInner } from "../src/index.ts";
import { type Caller, type Database, openDemoDatabase, outcome, signIn } from "./support.ts";

let db: Database;
let city: Caller;

beforeAll(async () => {
  db = await openDemoDatabase();
  city = (await signIn(db, "demo-city")).call();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

/** Opens the link as a browser would: the session cookie the server sets is kept for the next calls. */
async function openLink(path: string): Promise<{ opened: string; screen: () => Caller }> {
  const key = new URL(path, "http://x").hash.replace(/^#key=/, "");
  let token: string | null = null;
  const opening = createCaller(
    createContextInner({
      prisma: db.prisma,
      sessionCookie: {
        set: (value) => {
          token = value;
        },
        clear: () => {
          token = null;
        },
      },
    }),
  );
  const opened = await outcome(opening.briefing.open({ key }));
  return {
    opened,
    screen: () => createCaller(createContextInner({ prisma: db.prisma, sessionToken: token })),
  };
}

describe("briefing links", () => {
  let kecheng: { id: number; path: string };

  it("are made by the city for a unit, the secret shown once and only its hash kept", async () => {
    kecheng = await city.briefing.createLink({ label: "柯城区会议室大屏", unitId: "KECHENG" });
    // In the fragment, which no request carries: no log holds it.
    expect(kecheng.path).toMatch(/^\/briefing#key=[A-Za-z0-9_-]{40,}$/);
    const row = await db.prisma.briefingLink.findUniqueOrThrow({ where: { id: kecheng.id } });
    const key = kecheng.path.split("key=")[1] ?? "";
    expect(row.tokenHash).not.toContain(key);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const links = await city.briefing.links();
    expect(links[0]).toMatchObject({
      id: kecheng.id,
      label: "柯城区会议室大屏",
      unitId: "KECHENG",
      revokedAt: null,
    });
    // Its account is the link's, not one to manage among the users: not listed, not editable.
    expect((await city.user.list()).some((u) => u.displayName.includes("柯城区会议室大屏"))).toBe(false);
    const account = await db.prisma.briefingLink.findUniqueOrThrow({ where: { id: kecheng.id } });
    expect(
      await outcome(
        city.user.update({
          id: account.userId,
          displayName: "x",
          disabled: false,
          role: "CITY",
          unitId: null,
          townshipId: null,
          organizationId: null,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(city.user.resetPassword({ id: account.userId, password: "another-long-one-2026" })),
    ).toBe("NOT_FOUND");
  });

  it("refuses an empty or overlong name, naming the field", async () => {
    for (const label of ["  ", "大".repeat(41)]) {
      const error = await city.briefing.createLink({ label, unitId: null }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST", issues: [{ field: "label" }] });
    }
  });

  it("open a read-only session of the link's scope without a personal login", async () => {
    const { opened, screen } = await openLink(kecheng.path);
    expect(opened).toBe("OK");
    const summary = await screen().dashboard.summary();
    expect(summary.perUnit.map((u) => u.unitId)).toEqual(["KECHENG"]);
    expect((await screen().map.organizations()).every((o) => o.unitId === "KECHENG")).toBe(true);
    expect(await screen().auth.me()).toMatchObject({ role: "LEADER", unitId: "KECHENG" });
    // Read only, and the briefing's reads only: no sheets, no queue, no exports, no password change.
    expect(
      await outcome(screen().plan.save({ unitId: "KECHENG", revision: 0, belts: [], serviceCenter: null })),
    ).toBe("FORBIDDEN");
    const someOrganization = (await screen().map.organizations())[0]?.id ?? 1;
    for (const call of [
      () => screen().sheet.get({ organizationId: someOrganization }),
      () => screen().queue.list({}),
      () => screen().report.appendix2({ unitId: "KECHENG" }),
      () => screen().auth.changePassword({ currentPassword: "x", newPassword: "y-long-enough-2026" }),
    ])
      expect(await outcome(call())).toBe("FORBIDDEN");
    expect(
      (await db.prisma.briefingLink.findUniqueOrThrow({ where: { id: kecheng.id } })).lastOpenedAt,
    ).not.toBeNull();
  });

  it("open nothing with a wrong key, and say so", async () => {
    const { opened } = await openLink("/briefing#key=not-a-real-key-000000000000000000");
    expect(opened).toBe("UNAUTHORIZED");
    const refused = await db.prisma.auditLog.findFirst({ where: { action: "briefing.link.refused" } });
    expect(refused).not.toBeNull();
  });

  it("once revoked, sign the screen out at once and open nothing any more", async () => {
    const { screen } = await openLink(kecheng.path);
    expect(await outcome(screen().dashboard.summary())).toBe("OK");
    await city.briefing.revokeLink({ id: kecheng.id });
    expect(await outcome(screen().dashboard.summary())).toBe("UNAUTHORIZED");
    expect((await openLink(kecheng.path)).opened).toBe("UNAUTHORIZED");
    expect((await city.briefing.links()).find((l) => l.id === kecheng.id)?.revokedAt).not.toBeNull();
    const audit = await db.prisma.auditLog.findMany({
      where: { entity: "BriefingLink", entityId: String(kecheng.id) },
      orderBy: { id: "asc" },
    });
    // Every opening is on record too (two here: the test before and this one).
    expect(audit.map((a) => a.action)).toEqual([
      "briefing.link.create",
      "briefing.link.open",
      "briefing.link.open",
      "briefing.link.revoke",
      "briefing.link.refused",
    ]);
  });

  it("for the whole city, show every unit", async () => {
    const cityLink = await city.briefing.createLink({ label: "市委大屏", unitId: null });
    const { screen } = await openLink(cityLink.path);
    expect((await screen().dashboard.summary()).perUnit).toHaveLength(9);
  });
});
