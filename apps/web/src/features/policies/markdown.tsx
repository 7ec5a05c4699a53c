import Markdown from 'react-markdown';

/** Policy text rendered as markdown; raw HTML in the source is dropped, never rendered. */
export function PolicyMarkdown(props: { text: string; testId?: string }) {
  return (
    <div className="policy-markdown" style={{ overflowWrap: 'anywhere', lineHeight: 1.7 }} data-testid={props.testId}>
      <Markdown skipHtml>{props.text}</Markdown>
    </div>
  );
}
