export {
  type BeltFeature,
  type BeltLineProperties,
  type BeltStopProperties,
  beltsToGeoJSON,
  beltsToKml,
  type ExportBelt,
  type ExportStop,
} from "./belt-export.ts";
export {
  type CoordHint,
  type DetectInput,
  detectionMargin,
  detectSystem,
  metresBetween,
  type PlaceInput,
  type Placement,
  placeInCounty,
  type SystemDetection,
  shiftSuspicion,
} from "./coord-check.ts";
export { COORD_SYSTEMS, type CoordSystem, fromWgs84, toWgs84 } from "./coords.ts";
export {
  COUNTIES,
  COUNTIES_GEOJSON_PATH,
  type County,
  type CountyCollection,
  type CountyFeature,
  type CountyProperties,
  countyAt,
  countyBbox,
  countyBoundaries,
  countyFeature,
  countyLabelPoint,
  countyName,
  isInCounty,
  type LngLat,
  QUZHOU_BBOX,
  type RandomPointOptions,
  randomPointInCounty,
} from "./counties.ts";
export { coordinateIssues, type QualityIssue, type QualityPoint } from "./data-quality.ts";
export {
  parkArea,
  shareInOwnArea,
  type TownshipArea,
  type TownshipPoint,
  townshipAreas,
} from "./township-areas.ts";
export { TOWNSHIPS, type Township, townshipsOfCounty } from "./townships.ts";
export { type Bbox, boundsOf, unitBounds } from "./unit-bounds.ts";
