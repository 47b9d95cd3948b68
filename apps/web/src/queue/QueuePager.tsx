import type { QueueDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

/**
 * Where this page of the queue sits among all who wait at the stage, and the way to the next page
 * and back to the first. Shown only when the stage holds more than one page.
 */
export function QueuePager({
  page,
  shown,
  total,
  onFirst,
  onNext,
}: {
  page: QueueDto["page"];
  shown: number;
  total: number;
  onFirst: () => void;
  onNext: (after: number) => void;
}) {
  const { t, i18n } = useTranslation();
  if (page.before === 0 && page.nextAfter === null) return null;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const { nextAfter } = page;
  return (
    <nav className="queue-pager" aria-label={t("queue.pages")} data-testid="queue-pager">
      {/* A page past the last row shows no range: the page itself says where the others are. */}
      {shown > 0 && (
        <span className="muted" data-testid="queue-page-range">
          {t("queue.pageRange", {
            from: number(page.before + 1),
            to: number(page.before + shown),
            total: number(total),
          })}
        </span>
      )}
      <button type="button" className="button" disabled={page.before === 0} onClick={onFirst}>
        {t("queue.firstPage")}
      </button>
      <button
        type="button"
        className="button"
        disabled={nextAfter === null}
        onClick={() => nextAfter !== null && onNext(nextAfter)}
        data-testid="queue-next-page"
      >
        {t("queue.nextPage")}
      </button>
    </nav>
  );
}
