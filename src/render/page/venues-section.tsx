/** @jsxImportSource hono/jsx */
import { venuePlace } from '../../core/event-place.ts';
import type { VenueChoice } from '../../core/venue.ts';
import { webUrl } from '../../core/web-url.ts';
import { ReasonList, TitleLink } from './card-parts.tsx';
import { whenText } from './when-text.ts';

function VenueCard(props: { choice: VenueChoice; action: string; back: string; timeZone: string; nowMs: number }) {
  const { venue, reasons } = props.choice;
  const url = webUrl(venue.url);
  const next = venue.next[0];
  const people = [...new Set(reasons.flatMap((r) => r.people ?? []))];
  const following = reasons.some((r) => r.kind === 'following');
  const headingId = `venue-${venue.id}`;
  return (
    <article class="pick venue" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <TitleLink url={url} text={venue.name} />
      </h3>
      <p class="meta">
        {venue.kind} · {venue.cadence.text} · {venuePlace(props.choice.venue)}
        {next ? (
          <>
            {' '}
            · next <time datetime={next.start ?? ''}>{whenText(next, props.timeZone, props.nowMs)}</time>
          </>
        ) : null}
      </p>
      <ReasonList reasons={reasons} label="Why this place" />
      {people.length > 0 ? <p>Who goes there: {people.join(', ')}.</p> : null}
      <div class="actions">
        {following ? <p class="going">You follow this.</p> : null}
        <form method="post" action={props.action}>
          <input type="hidden" name="venueId" value={venue.id} />
          <input type="hidden" name="back" value={props.back} />
          {following ? null : (
            <button type="submit" name="action" value="follow" class="primary">
              Follow
            </button>
          )}{' '}
          <button type="submit" name="action" value="not-interested">
            Not interested in this place
          </button>
        </form>
      </div>
    </article>
  );
}

/** "Places worth going back to": venues with their rhythm, next date, reasons and who goes there. */
export function VenuesSection(props: {
  venues: VenueChoice[];
  action: string;
  back: string;
  timeZone: string;
  nowMs: number;
}) {
  return (
    <section aria-labelledby="venues">
      <h2 id="venues">Places worth going back to</h2>
      <p>
        Communities, study groups, conference series and volunteering: regular contact is what turns acquaintances into
        trust.
      </p>
      {props.venues.length === 0 ? <p>No regular gatherings match yet.</p> : null}
      {props.venues.map((choice) => (
        <VenueCard
          choice={choice}
          action={props.action}
          back={props.back}
          timeZone={props.timeZone}
          nowMs={props.nowMs}
        />
      ))}
    </section>
  );
}
