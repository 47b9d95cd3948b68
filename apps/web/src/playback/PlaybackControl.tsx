import "../i18n/playback.ts";
import "./playback.css";
import { useTranslation } from "react-i18next";
import { type PlaybackOptions, usePlayback } from "./usePlayback.ts";

/**
 * 年度回放: a button that starts it, then a bar with the years (each a button), a step back and
 * forth, play/pause and the way out. While it plays the year changes by itself; the page is told the
 * cycle to show (onCycle) and `loading` says that cycle's data is still on its way. Loaded lazily.
 */
export function PlaybackControl({
  loading = false,
  className,
  ...options
}: PlaybackOptions & { loading?: boolean; className?: string }) {
  const { t } = useTranslation();
  const playback = usePlayback(options);
  const { active, cycles, state, cycle, player } = playback;
  const classes = ["playback", active ? "active" : "", className ?? ""].filter(Boolean).join(" ");
  if (!active) {
    const alone = cycles.length < 2;
    return (
      <div className={classes}>
        <button
          type="button"
          className="button small playback-open"
          onClick={playback.open}
          disabled={alone}
          title={alone ? t("playback.alone") : t("playback.hint")}
          data-testid="playback-open"
        >
          <span aria-hidden="true">▶ </span>
          {t("playback.title")}
        </button>
      </div>
    );
  }
  const first = state.index <= 0;
  const last = state.index >= state.count - 1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form group
    <div className={classes} role="group" aria-label={t("playback.title")} data-testid="playback">
      <span className="playback-title">{t("playback.title")}</span>
      <button
        type="button"
        className="playback-step"
        onClick={() => player.step(-1)}
        disabled={first}
        aria-label={t("playback.previous")}
        title={t("playback.previous")}
        data-testid="playback-prev"
      >
        ◀
      </button>
      <ol className="playback-years">
        {cycles.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={i === state.index ? "playback-year current" : "playback-year"}
              aria-current={i === state.index ? "step" : undefined}
              onClick={() => player.goTo(i)}
              data-testid={`playback-year-${c.year}`}
            >
              {c.year}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="playback-step"
        onClick={() => player.step(1)}
        disabled={last}
        aria-label={t("playback.next")}
        title={t("playback.next")}
        data-testid="playback-next"
      >
        ▶
      </button>
      <button
        type="button"
        className="button small playback-play"
        onClick={player.toggle}
        data-testid="playback-play"
        aria-pressed={state.playing}
      >
        {state.playing ? t("playback.pause") : t("playback.play")}
      </button>
      <output className="playback-now" aria-live="polite" data-testid="playback-year">
        {cycle ? t("playback.year", { year: cycle.year }) : ""}
        {loading && <span className="playback-loading">{t("playback.loading")}</span>}
      </output>
      <button
        type="button"
        className="button small playback-close"
        onClick={playback.close}
        data-testid="playback-close"
      >
        {t("playback.close")}
      </button>
    </div>
  );
}
