/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';
import { cfpIsOpen, cfpText } from '../../core/cfp-state.ts';
import { valueMs } from '../../core/dates.ts';
import type { Pick, Recommendations } from '../../core/ranking.ts';
import type { VenueChoice } from '../../core/venue.ts';
import { webUrl } from '../../core/web-url.ts';
import { durationInWords } from '../../network/human-time.ts';
import type { RecentEvent } from '../../usecases/recent-events.ts';
import { ReasonList, TitleLink } from './card-parts.tsx';
import {
  FILTER_CHOICES,
  FILTER_NAMES,
  filterPicks,
  filterQuery,
  filterVenues,
  groupByWeek,
  type PageFilters,
} from './page-filters.ts';
import { PAGE_STYLE } from './page-style.ts';
import { VenuesSection } from './venues-section.tsx';
import { placeText, weekTitle, whenText } from './when-text.ts';

export interface PageLinks {
  page: string;
  feedback: string;
  venueFeedback: string;
  calendar: string;
  giveCalendar: string;
  atom: string;
  json: string;
}

export interface PicksPageProps {
  name: string | null;
  result: Recommendations;
  filters: PageFilters;
  links: PageLinks;
  timeZone: string;
  nowMs: number;
  /** What the last button did, said once after the redirect. */
  notice: string | null;
  /** Recent events the user was going to or was offered: where Attended is asked for. */
  recent: RecentEvent[];
  /** Events the user said they are going to. */
  going: ReadonlySet<string>;
  venues: VenueChoice[];
}

function webcal(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

/** The scheme the page was served over, as its addresses carry it ("http" on a local `convene serve`). */
function schemeOf(url: string): string {
  return /^http:/i.test(url) ? 'http' : 'https';
}

function shareNote(pick: Pick, firstName: string, when: string): string {
  const url = webUrl(pick.event.url);
  return `Hi ${firstName}, this looks like your kind of event: ${pick.event.title} (${when}, ${placeText(pick.event)}).${url ? ` ${url}` : ''}`;
}

const EMAIL = /^[^\s@<>"'?&]+@[^\s@<>"'?&]+$/;

function ShareHints({ pick, when }: { pick: Pick; when: string }) {
  if (pick.shareWith.length === 0) return null;
  return (
    <div class="share">
      <p>
        <strong>Give first by sharing:</strong> {pick.shareWith.map((s) => s.why).join('; ')}.
      </p>
      {pick.shareWith.map((s) => {
        const first = s.name.split(/\s+/)[0] ?? s.name;
        const note = shareNote(pick, first, when);
        const to = s.email && EMAIL.test(s.email) ? s.email : '';
        const mailto = `mailto:${to}?subject=${encodeURIComponent(pick.event.title)}&body=${encodeURIComponent(note)}`;
        return (
          <details>
            <summary>Tell {first}</summary>
            <p>
              <a href={mailto}>Write to {s.name}</a>, or copy this note:
            </p>
            <label>
              Note for {s.name}
              <textarea readonly rows={3}>
                {note}
              </textarea>
            </label>
          </details>
        );
      })}
    </div>
  );
}

function FeedbackButtons(props: { pick: Pick; links: PageLinks; back: string; going: boolean; started: boolean }) {
  const { pick, links, back, going } = props;
  return (
    <div class="actions">
      {going ? <p class="going">You are going.</p> : null}
      <form method="post" action={links.feedback}>
        <input type="hidden" name="eventId" value={pick.event.id} />
        <input type="hidden" name="back" value={back} />
        {going ? null : (
          <button type="submit" name="action" value="going" class="primary">
            Going
          </button>
        )}{' '}
        <button type="submit" name="action" value="not-interested">
          Not interested
        </button>
      </form>
      {/* Attending is asked for once the event has begun (see "Happened recently"). */}
      {props.started ? (
        <details>
          <summary>Attended</summary>
          <AttendedForm eventId={pick.event.id} links={links} back={back} />
        </details>
      ) : null}
    </div>
  );
}

function AttendedForm({ eventId, links, back }: { eventId: string; links: PageLinks; back: string }) {
  return (
    <form method="post" action={links.feedback}>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="back" value={back} />
      <label>
        Who did you meet there? (names, separated by commas)
        <input type="text" name="met" autocomplete="off" />
      </label>
      <button type="submit" name="action" value="attended">
        Save attended
      </button>
    </form>
  );
}

function RecentCard(props: { recent: RecentEvent; links: PageLinks; back: string; timeZone: string; nowMs: number }) {
  const { event, attended } = props.recent;
  const url = webUrl(event.url);
  const headingId = `recent-${event.id}`;
  return (
    <article class="pick" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <TitleLink url={url} text={event.title} />
      </h4>
      <p class="meta">
        <time datetime={event.start ?? ''}>{whenText(event, props.timeZone, props.nowMs)}</time> · {placeText(event)}
      </p>
      {attended ? (
        <p>You attended{attended.met.length > 0 ? `, and met ${attended.met.join(', ')}` : ''}.</p>
      ) : (
        <AttendedForm eventId={event.id} links={props.links} back={props.back} />
      )}
    </article>
  );
}

function PickCard(props: {
  pick: Pick;
  rank: number;
  links: PageLinks;
  back: string;
  timeZone: string;
  nowMs: number;
  going: boolean;
}) {
  const { pick, rank } = props;
  const url = webUrl(pick.event.url);
  const when = whenText(pick.event, props.timeZone, props.nowMs);
  const cfp = cfpText(pick.event.cfp, props.nowMs);
  const cfpOpen = cfpIsOpen(pick.event.cfp, props.nowMs);
  const headingId = `pick-${pick.event.id}`;
  return (
    <article class="pick" aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span class="rank">#{rank}</span> <TitleLink url={url} text={pick.event.title} />
      </h4>
      <p class="meta">
        <time datetime={pick.event.start ?? ''}>{when}</time> · {placeText(pick.event)} · {pick.event.kind} · score{' '}
        {pick.score.toFixed(2)}
      </p>
      {cfp ? (
        <p class={cfpOpen ? 'deadline' : 'closed'}>
          {cfp}
          {cfpOpen && webUrl(pick.event.cfp?.url) ? (
            <>
              {' '}
              · <a href={webUrl(pick.event.cfp?.url)!}>submit a talk</a>
            </>
          ) : null}
        </p>
      ) : null}
      <ReasonList reasons={pick.reasons} label="Why this pick" />
      <ShareHints pick={pick} when={when} />
      <FeedbackButtons
        pick={pick}
        links={props.links}
        back={props.back}
        going={props.going}
        started={pick.event.start !== null && valueMs(pick.event.start) <= props.nowMs}
      />
    </article>
  );
}

function GapSummary({ result, timeZone, nowMs }: { result: Recommendations; timeZone: string; nowMs: number }) {
  const all = [
    ...result.picks,
    ...result.giveFirst.filter((g) => !result.picks.some((p) => p.event.id === g.event.id)),
  ];
  const helping = (field: string) =>
    all.filter((p) => p.reasons.some((r) => r.kind === 'coverage-gap' && r.field === field)).length;
  const { coverage, maintenance, channel } = result.gaps;
  return (
    <ul class="gaps">
      {coverage.slice(0, 5).map((g) => {
        const count = helping(g.field);
        const who =
          g.contacts === 0
            ? `No contacts in ${g.label} yet`
            : `Only ${g.contacts} contact${g.contacts === 1 ? '' : 's'} in ${g.label}`;
        return (
          <li>
            {who}:{' '}
            {count > 0
              ? `${count === 1 ? '1 event on this page helps' : `${count} events on this page help`}`
              : 'nothing upcoming helps yet'}
            .
          </li>
        );
      })}
      {maintenance.overdue.slice(0, 5).map((m) => {
        const where = result.picks.find((p) => p.reasons.some((r) => r.people?.includes(m.name)));
        return (
          <li>
            {m.name}, {m.tier}, last seen {durationInWords(m.daysSince)} ago
            {where ? `: you could meet again at ${where.event.title} (${whenText(where.event, timeZone, nowMs)})` : ''}.
          </li>
        );
      })}
      <li>{channel.text}</li>
    </ul>
  );
}

function FilterSelect(props: { label: string; name: string; value: string; options: [string, string][] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.value === value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PicksPage(props: PicksPageProps) {
  const { result, filters, links, timeZone, nowMs } = props;
  const back = filterQuery(filters);
  const shown = filterPicks(result.picks, filters, nowMs);
  const weeks = groupByWeek(shown, timeZone);
  const googleUrl = `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal(links.calendar))}`;
  const title = `Events worth attending${props.name ? ` for ${props.name}` : ''}`;
  const card = (pick: Pick, rank: number) => (
    <PickCard
      pick={pick}
      rank={rank}
      links={links}
      back={back}
      timeZone={timeZone}
      nowMs={nowMs}
      going={props.going.has(pick.event.id)}
    />
  );
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{title} · Convene</title>
          <link rel="alternate" type="application/atom+xml" title="Picks (Atom)" href={links.atom} />
          <link rel="alternate" type="application/feed+json" title="Picks (JSON Feed)" href={links.json} />
          <link rel="alternate" type="text/calendar" title="Picks (iCalendar)" href={links.calendar} />
          {/* Our own constant: escaping it would break the CSS quotes. */}
          <style dangerouslySetInnerHTML={{ __html: PAGE_STYLE }} />
        </head>
        <body>
          <a class="skip" href="#picks">
            Skip to picks
          </a>
          <div class="wrap">
            <header class="top">
              <h1>{title}</h1>
              <p>Chosen to fill the gaps in your network, at most a few a week. Every pick says why.</p>
            </header>
            <nav aria-label="Filters">
              <form class="filters" method="get" action={links.page}>
                {FILTER_NAMES.map((name) => (
                  <FilterSelect
                    label={FILTER_CHOICES[name].label}
                    name={name}
                    value={filters[name]}
                    options={Object.entries(FILTER_CHOICES[name].options)}
                  />
                ))}
                <button type="submit">Apply filters</button>
              </form>
            </nav>
            <main>
              {props.notice ? (
                <p class="notice" role="status">
                  {props.notice}
                </p>
              ) : null}
              <section aria-labelledby="picks">
                <h2 id="picks">Your picks</h2>
                {weeks.length === 0 ? <p>No picks match these filters.</p> : null}
                {weeks.map((week) => (
                  <section aria-label={weekTitle(week.monday, nowMs, timeZone)}>
                    <h3>{weekTitle(week.monday, nowMs, timeZone)}</h3>
                    {week.picks.map(({ pick, rank }) => card(pick, rank))}
                  </section>
                ))}
              </section>
              <VenuesSection
                venues={filterVenues(props.venues, filters)}
                action={links.venueFeedback}
                back={back}
                timeZone={timeZone}
                nowMs={nowMs}
              />
              {props.recent.length > 0 ? (
                <section aria-labelledby="recent">
                  <h2 id="recent">Happened recently</h2>
                  <p>Say who you met: it keeps your network's picture current.</p>
                  {props.recent.map((r) => (
                    <RecentCard recent={r} links={links} back={back} timeZone={timeZone} nowMs={nowMs} />
                  ))}
                </section>
              ) : null}
              <section aria-labelledby="give">
                <h2 id="give">Give first</h2>
                <p>Calls for papers, volunteer and host roles where your expertise helps others.</p>
                {result.giveFirst.length === 0 ? <p>Nothing open right now.</p> : null}
                {result.giveFirst.map((pick, index) => card(pick, index + 1))}
              </section>
              <section aria-labelledby="network">
                <h2 id="network">Your network</h2>
                <GapSummary result={result} timeZone={timeZone} nowMs={nowMs} />
              </section>
              <section aria-labelledby="subscribe" class="subscribe">
                <h2 id="subscribe">Subscribe</h2>
                <ul>
                  <li>
                    <a href={webcal(links.calendar)}>Subscribe in your calendar app</a> (Apple Calendar, Outlook,
                    Thunderbird)
                  </li>
                  <li>
                    <a href={googleUrl} rel="noopener noreferrer">
                      Add to Google Calendar
                    </a>
                  </li>
                  <li>
                    <label>
                      Calendar address ({schemeOf(links.calendar)})
                      <input class="copy" type="text" readonly value={links.calendar} />
                    </label>
                  </li>
                  <li>
                    Deadlines to give first: <a href={webcal(links.giveCalendar)}>subscribe</a> ·{' '}
                    <a href={links.giveCalendar}>{schemeOf(links.giveCalendar)}</a>
                  </li>
                  <li>
                    Feeds: <a href={links.atom}>Atom</a> · <a href={links.json}>JSON Feed</a>
                  </li>
                </ul>
                <p>These addresses are private: anyone with them sees your picks.</p>
              </section>
            </main>
            <footer>
              <p>Convene · times in {timeZone}</p>
            </footer>
          </div>
        </body>
      </html>
    </>
  );
}
