// Placeholder: the page is being built (issue 12).
export function RosterPage() {
  return <div className="page-message">…</div>;
}
