// MapLibre's own control strings (zoom buttons, scale bar) in the app's language: its defaults are
// English ("Zoom in", "10 km"), which has no place in the Chinese UI.
type Translate = (key: string) => string;

export function controlStrings(t: Translate): Record<string, string> {
  return {
    "Map.Title": t("map.title"),
    "NavigationControl.ZoomIn": t("map.zoomIn"),
    "NavigationControl.ZoomOut": t("map.zoomOut"),
    "NavigationControl.ResetBearing": t("map.resetBearing"),
    "ScaleControl.Kilometers": t("map.kilometers"),
    "ScaleControl.Meters": t("map.meters"),
  };
}
