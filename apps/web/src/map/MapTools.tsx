import type { Map as MapLibreMap } from "maplibre-gl";
import { MapImageExport, type MapImageExportProps } from "./MapImageExport.tsx";
import { MeasureTool } from "./MeasureTool.tsx";

/**
 * The map page's tools, 测距 and 导出地图图片: loaded with the map (see MapPage), so the app's first
 * load, which the dashboard shares, carries none of their code.
 */
export function MapTools({
  map,
  measuring,
  onMeasuring,
  picture,
}: {
  map: () => MapLibreMap | null;
  measuring: boolean;
  onMeasuring: (on: boolean) => void;
  /** What the picture says of itself; null until the figures have come. */
  picture: Omit<MapImageExportProps, "map"> | null;
}) {
  return (
    <>
      <div className="map-tools">
        <MeasureTool map={map} active={measuring} onActive={onMeasuring} />
      </div>
      {picture && <MapImageExport map={map} {...picture} />}
    </>
  );
}
