import "../i18n/belt-print.ts"; // this page's strings, loaded with it
import type { BeltDto } from "@beltmap/api";
import { PLAN_STATUSES } from "@beltmap/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { BeltBadge } from "../components/BeltBadge.tsx";
import { LoadError } from "../components/LoadError.tsx";
import { formatDay } from "../lib/format.ts";
import type { BeltMapRenderer } from "../plan/belt-map-image.ts";
import { formatKm, sheetRoute, travelTime } from "../plan/belt-sheet.ts";
import { useCycle, useCycleInput } from "../shell/cycle.ts";
import { useUnitName } from "../shell/units.ts";
import { useTRPC } from "../trpc.ts";

/**
 * The map picture's size in CSS pixels: the A4 sheet's text width (210 mm less 2 × 12 mm margins,
 * about 700 px at 96 px per inch) by a little over 100 mm. Drawn at twice that for print.
 */
const MAP_WIDTH = 700;
const MAP_HEIGHT = 400;

type MapImage = { url: string } | { error: string };

const NO_BELTS: readonly BeltDto[] = [];
const NO_IMAGES: Readonly<Record<number, MapImage>> = {};

/**
 * 示范带创建方案, one A4 page per belt of the unit in `?unit=` (only the belt `&belt=<id>` if given):
 * its map, its stops in order, its length and an estimated travel time. The maps are drawn one at a
 * time on a single offscreen MapLibre map and kept as pictures; the root says `data-ready="true"`
 * once every picture has loaded (or failed), and printing waits for that.
 */
export function BeltPrintPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const unitNameOf = useUnitName();
  const [params] = useSearchParams();
  const unitId = params.get("unit") || undefined;
  const beltParam = params.get("belt");

  const cycleInput = useCycleInput();
  const year = useCycle().selected?.year;
  const plan = useQuery(trpc.plan.get.queryOptions(unitId ? { unitId, ...cycleInput } : skipToken));
  const info = useQuery(trpc.meta.info.queryOptions());
  const belts = plan.data?.belts ?? NO_BELTS;
  const sheets = useMemo(
    () => (beltParam ? belts.filter((b) => String(b.id) === beltParam) : belts),
    [belts, beltParam],
  );

  const images = useBeltMapImages(plan.isSuccess ? sheets : null);
  // The pictures the browser has decoded, by URL: a new picture of a belt must load again.
  const [loadedUrls, setLoadedUrls] = useState<ReadonlySet<string>>(new Set());
  const imageDone = (belt: BeltDto) => {
    const image = images[belt.id];
    return (
      belt.stops.length === 0 || (image !== undefined && ("error" in image || loadedUrls.has(image.url)))
    );
  };
  const mapsDone = sheets.filter(imageDone).length;
  const ready = plan.isSuccess && !info.isPending && mapsDone === sheets.length;

  const unitName = plan.data ? unitNameOf(plan.data.unitId, plan.data.unitName) : "";
  // The cycle (年度) the plan is of, in the heading of every sheet and the PDF's name.
  const title = t("beltPrint.title", { unit: unitName, year: year ?? "" });
  useEffect(() => {
    if (!plan.data) return;
    // Browsers name a PDF after the page's title.
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [plan.data, title]);

  if (!unitId) {
    return <div className="page-message">{t("beltPrint.noUnit")}</div>;
  }
  if (!plan.data) {
    return (
      <div className="belt-print" data-testid="belt-print" data-ready="false">
        {plan.isError ? (
          <LoadError query={plan} />
        ) : (
          <div className="page-message" role="status">
            {t("app.loading")}
          </div>
        )}
      </div>
    );
  }

  const printedOn = formatDay(new Date().toISOString(), i18n.language);
  const status = (PLAN_STATUSES as readonly string[]).includes(plan.data.status)
    ? t(`beltPrint.status.${plan.data.status}`)
    : plan.data.status;
  const demoData = info.data?.demoData === true;

  return (
    <div className="belt-print" data-testid="belt-print" data-ready={ready ? "true" : "false"}>
      <div className="belt-print-toolbar">
        <button
          type="button"
          className="button primary"
          onClick={() => window.print()}
          disabled={!ready}
          data-testid="belt-print-button"
        >
          {t("beltPrint.print")}
        </button>
        <span className="muted" role="status" aria-live="polite">
          {sheets.length > 0 &&
            (ready
              ? t("beltPrint.ready")
              : t("beltPrint.preparing", { done: mapsDone, total: sheets.length }))}
        </span>
      </div>
      {sheets.length === 0 && (
        <div className="page-message">{beltParam ? t("beltPrint.beltNotFound") : t("beltPrint.noBelts")}</div>
      )}
      {sheets.map((belt) => {
        const route = sheetRoute(belt);
        const travel = travelTime(belt.lengthKm);
        const duration =
          travel.hours === 0
            ? t("beltPrint.duration.m", { minutes: travel.minutes })
            : travel.minutes === 0
              ? t("beltPrint.duration.h", { hours: travel.hours })
              : t("beltPrint.duration.hm", { hours: travel.hours, minutes: travel.minutes });
        const image = images[belt.id];
        const first = route.stops[0];
        return (
          <section
            key={belt.id}
            className="belt-sheet"
            data-testid="belt-sheet"
            data-belt-id={belt.id}
            aria-labelledby={`belt-sheet-${belt.id}`}
          >
            <header className="belt-sheet-head">
              <div>
                <p className="belt-sheet-plan">{title}</p>
                <h2 id={`belt-sheet-${belt.id}`}>
                  <BeltBadge index={belt.index} className="belt-sheet-badge" />
                  <span translate="no">{belt.name}</span>
                </h2>
              </div>
              {demoData && (
                <span
                  className="belt-sheet-demo"
                  title={t("beltPrint.demoDataNote")}
                  data-testid="belt-sheet-demo"
                >
                  {t("beltPrint.demoData")}
                </span>
              )}
            </header>
            <dl className="belt-sheet-facts">
              <div>
                <dt>{t("beltPrint.theme")}</dt>
                <dd>{belt.theme || <span className="muted">{t("beltPrint.noTheme")}</span>}</dd>
              </div>
              <div>
                <dt>{t("beltPrint.kind")}</dt>
                <dd>{t(`codes.beltKind.${belt.kind}`)}</dd>
              </div>
              <div>
                <dt>{t("beltPrint.planStatus")}</dt>
                <dd>
                  {status}
                  {plan.data.version > 0 && t("beltPrint.version", { version: plan.data.version })}
                </dd>
              </div>
              <div>
                <dt>{t("beltPrint.stopCount")}</dt>
                <dd>{t("beltPrint.stops", { count: belt.stops.length })}</dd>
              </div>
            </dl>
            <figure className="belt-sheet-map">
              {belt.stops.length === 0 ? (
                <p className="belt-sheet-map-note">{t("beltPrint.noStops")}</p>
              ) : image === undefined ? (
                <p className="belt-sheet-map-note" role="status">
                  {t("beltPrint.preparing", { done: mapsDone, total: sheets.length })}
                </p>
              ) : "error" in image ? (
                <p className="belt-sheet-map-note" role="alert" data-testid="belt-map-error">
                  {t("beltPrint.mapFailed", { message: image.error })}
                </p>
              ) : (
                <img
                  src={image.url}
                  alt={t("beltPrint.mapAlt", { belt: belt.name })}
                  width={MAP_WIDTH}
                  height={MAP_HEIGHT}
                  onLoad={() => setLoadedUrls((s) => new Set(s).add(image.url))}
                  onError={() => setLoadedUrls((s) => new Set(s).add(image.url))}
                  data-testid="belt-map-image"
                />
              )}
            </figure>
            {route.stops.length > 0 && (
              <table className="belt-sheet-stops">
                <thead>
                  <tr>
                    <th scope="col">{t("beltPrint.columns.number")}</th>
                    <th scope="col">{t("beltPrint.columns.stop")}</th>
                    <th scope="col">{t("beltPrint.columns.type")}</th>
                    <th scope="col" className="num">
                      {t("beltPrint.columns.fromPrevious")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {route.stops.map(({ label, stop, fromPreviousKm }) => (
                    <tr key={stop.organizationId} data-testid="belt-sheet-stop">
                      <td className="num">{label}</td>
                      <td>{stop.name}</td>
                      <td>
                        {stop.kind === "SPECIAL_TOWN" ? (
                          <strong className="belt-sheet-town">★ {t("beltPrint.specialTown")}</strong>
                        ) : (
                          t(`codes.orgKind.${stop.kind}`)
                        )}
                      </td>
                      <td className="num">{fromPreviousKm === null ? "—" : formatKm(fromPreviousKm)}</td>
                    </tr>
                  ))}
                  {route.returnKm !== null && first && (
                    <tr className="belt-sheet-return">
                      <td className="num">↩</td>
                      <td colSpan={2}>{t("beltPrint.back", { name: first.stop.name })}</td>
                      <td className="num">{formatKm(route.returnKm)}</td>
                    </tr>
                  )}
                </tbody>
              </table>
            )}
            <dl className="belt-sheet-summary">
              <div>
                <dt>{t("beltPrint.length")}</dt>
                <dd data-testid="belt-sheet-length">
                  {t("beltPrint.km", { km: formatKm(belt.lengthKm) })}
                  {belt.roundTrip && t("beltPrint.roundTrip")}
                </dd>
              </div>
              <div>
                <dt>{t("beltPrint.travel")}</dt>
                <dd data-testid="belt-sheet-travel">
                  {t("beltPrint.travelValue", {
                    duration,
                    factor: travel.detourFactor,
                    speed: travel.speedKmh,
                  })}
                </dd>
              </div>
            </dl>
            <footer className="belt-sheet-foot">
              <span>{t("beltPrint.printedOn", { date: printedOn })}</span>
              {demoData && <span>{t("beltPrint.demoDataNote")}</span>}
            </footer>
          </section>
        );
      })}
    </div>
  );
}

/**
 * The belts' map pictures by belt id, drawn one after another on one offscreen map (MapLibre loads
 * with the first). A belt without stops gets none; a failure is kept as its message.
 */
function useBeltMapImages(belts: readonly BeltDto[] | null): Readonly<Record<number, MapImage>> {
  // Kept with the belts they show: other belts (refetched, another unit) have none until drawn.
  const [images, setImages] = useState<{
    of: readonly BeltDto[] | null;
    byId: Readonly<Record<number, MapImage>>;
  }>({ of: null, byId: {} });
  useEffect(() => {
    const toDraw = belts?.filter((b) => b.stops.length > 0) ?? [];
    if (toDraw.length === 0) return;
    let cancelled = false;
    let renderer: BeltMapRenderer | null = null;
    const settle = (id: number, image: MapImage) => {
      if (cancelled) return;
      setImages((before) => ({
        of: belts,
        byId: { ...(before.of === belts ? before.byId : {}), [id]: image },
      }));
    };
    void (async () => {
      try {
        const { createBeltMapRenderer } = await import("../plan/belt-map-image.ts");
        if (cancelled) return;
        renderer = createBeltMapRenderer({ width: MAP_WIDTH, height: MAP_HEIGHT, pixelRatio: 2 });
        for (const belt of toDraw) {
          if (cancelled) return;
          try {
            const stops = sheetRoute(belt).stops.map(({ stop }) => stop);
            settle(belt.id, {
              url: await renderer.render({ index: belt.index, stops, roundTrip: belt.roundTrip }),
            });
          } catch (e) {
            settle(belt.id, { error: messageOf(e) });
          }
        }
      } catch (e) {
        // MapLibre failed to load (or no WebGL): every sheet says so, and the page is still ready.
        for (const belt of toDraw) settle(belt.id, { error: messageOf(e) });
      } finally {
        renderer?.dispose();
      }
    })();
    return () => {
      cancelled = true;
      renderer?.dispose();
    };
  }, [belts]);
  return images.of === belts ? images.byId : NO_IMAGES;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
