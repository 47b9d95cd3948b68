// Placeholder: the page is being built (issue 12).
export function Appendix2Page() {
  return <div className="page-message">…</div>;
}
