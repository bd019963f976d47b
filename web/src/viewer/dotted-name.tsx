import { Fragment } from 'preact';

/**
 * A dotted test name that wraps after its dots (and underscores) rather than mid-word:
 * `tempest.api.compute.servers.test_x.Class.test_y` breaks between its parts.
 */
export function DottedName({ name }: { name: string }) {
  const parts = name.split(/(?<=[._])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
