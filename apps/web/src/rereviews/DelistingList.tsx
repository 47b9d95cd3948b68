import "./rereviews.css";

/**
 * 摘牌: what a downgrade of a demonstration site takes away, in the domain's words
 * (delistingEffectText), under a heading that says when it happens.
 */
export function DelistingList({
  heading,
  texts,
  testId = "delisting",
}: {
  heading: string;
  texts: readonly string[];
  testId?: string;
}) {
  if (texts.length === 0) return null;
  return (
    <section className="delisting" data-testid={testId}>
      <p className="delisting-heading">{heading}</p>
      <ul>
        {texts.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </section>
  );
}
