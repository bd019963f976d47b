import apiDoc from '../../../docs/api.md?raw';
import { docSection, inlineParts } from '../logic/doc-section';
import { Link, useTitle } from '../router';

/** docs/api.md's list of what `/list` accepts (the one home of that list), built into the UI. */
const FORMS = docSection(apiDoc, '### What `q` may be');

function Inline({ text }: { text: string }) {
  return <>{inlineParts(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : part.text))}</>;
}

/** `/help`: everything the home page's box takes, and what it says about anything else. */
export function HelpPage() {
  useTitle(['What you can paste']);
  return (
    <section class="panel help">
      <h1>What you can paste</h1>
      {FORMS.map((block, i) =>
        block.kind === 'p' ? (
          <p key={i}>
            <Inline text={block.text} />
          </p>
        ) : (
          <div class="table-scroll" key={i}>
            <table class="doc-table">
              <thead>
                <tr>
                  {block.head.map((cell, j) => (
                    <th scope="col" key={j}>
                      <Inline text={cell} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, j) => (
                  <tr key={j}>
                    {row.map((cell, k) => (
                      <td key={k}>
                        <Inline text={cell} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ),
      )}
      <p>
        <Link href="/">Paste one</Link>
      </p>
    </section>
  );
}
