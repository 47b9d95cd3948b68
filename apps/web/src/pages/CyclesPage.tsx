// Placeholder: the page is being built (issue 12).
export function CyclesPage() {
  return <div className="page-message">…</div>;
}
