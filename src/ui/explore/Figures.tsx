/** Term/description pairs (a `dl`), the form the Outcome region uses too. */
export function Figures({ items }: { items: readonly (readonly [string, string | number] | false | null)[] }) {
  return (
    <dl className="explore-figures">
      {items.map((item) =>
        item ? (
          <div key={item[0]}>
            <dt>{item[0]}</dt>
            <dd>{item[1]}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
