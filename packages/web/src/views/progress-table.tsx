import { messages as m } from "../messages.js";
import { raterLabel } from "../rater-label.js";
import type { Progress } from "../types.js";

/** Who has rated how many initiatives in this round, live. */
export function ProgressTable(props: {
  readonly progress: Progress | undefined;
  readonly total: number;
  /** Invite labels by rater id: two people called Sam read "Sam" and "Sam (2)". */
  readonly labels: ReadonlyMap<string, string>;
}) {
  const raters = props.progress?.raters ?? [];
  if (raters.length === 0) return <p role="status">{m.progress.none}</p>;
  return (
    <table aria-describedby="progress-live">
      <caption id="progress-live" class="muted small">
        {m.progress.live}
      </caption>
      <thead>
        <tr>
          <th scope="col">{m.progress.rater}</th>
          <th scope="col">{m.progress.rated}</th>
        </tr>
      </thead>
      <tbody>
        {raters.map((entry) => (
          <tr key={entry.rater}>
            <td>
              <bdi>{raterLabel(entry.rater, props.labels)}</bdi>
            </td>
            <td>
              <progress
                max={props.total}
                value={entry.rated}
                aria-label={`${raterLabel(entry.rater, props.labels)}: ${m.progress.of(entry.rated, props.total)}`}
              />{" "}
              {m.progress.of(entry.rated, props.total)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
