/** @jsxImportSource hono/jsx */
import type { Reason } from '../../core/ranking.ts';

/** A reason's weight as the page shows it: always signed, two decimals, a true minus sign. */
function signed(weight: number): string {
  return `${weight >= 0 ? '+' : '−'}${Math.abs(weight).toFixed(2)}`;
}

/** A card's title, linked when the source gives an http(s) page (see webUrl). */
export function TitleLink({ url, text }: { url: string | null; text: string }) {
  return url ? (
    <a href={url} rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    text
  );
}

/** Every reason with its weight, so the score explains itself on the page as in the API. */
export function ReasonList({ reasons, label }: { reasons: readonly Reason[]; label: string }) {
  return (
    <ul class="reasons" aria-label={label}>
      {reasons.map((r) => (
        <li>
          {r.text} <span class="weight">({signed(r.weight)})</span>
        </li>
      ))}
    </ul>
  );
}
