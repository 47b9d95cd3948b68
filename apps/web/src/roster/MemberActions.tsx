import type { RosterMemberDto } from "@beltmap/api";
import { useTranslation } from "react-i18next";

/** A member's row buttons: 修改 (name and post), and 停用 or 启用. */
export function MemberActions({
  member,
  onEdit,
  onToggle,
}: {
  member: RosterMemberDto;
  onEdit: () => void;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="row-buttons">
      <button type="button" className="link-button" onClick={onEdit} data-testid="member-edit">
        {t("roster.edit")}
      </button>
      <button
        type="button"
        className={member.active ? "link-button danger" : "link-button"}
        onClick={onToggle}
        data-testid="member-toggle"
      >
        {t(member.active ? "roster.deactivate" : "roster.reactivate")}
      </button>
    </div>
  );
}
