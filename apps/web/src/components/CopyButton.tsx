import { type RefObject, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Copies a text. The clipboard API exists only on https (or localhost); served over plain http, as on
 * an intranet, the text is selected instead and the user is asked to press Ctrl+C.
 */
export function CopyButton({ text, source }: { text: string; source: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<"copied" | "selected" | null>(null);
  const selectSource = () => {
    const element = source.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
    setOutcome("selected");
  };
  const copy = async () => {
    if (!navigator.clipboard || !window.isSecureContext) return selectSource();
    try {
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      selectSource();
    }
  };
  return (
    <>
      <button type="button" className="button small" onClick={() => void copy()} data-testid="copy-button">
        {t("app.copy")}
      </button>
      {outcome && (
        <span className="field-hint" role="status" data-testid="copy-outcome">
          {outcome === "copied" ? t("app.copied") : t("app.copySelected")}
        </span>
      )}
    </>
  );
}
