import { html } from 'hono/html';
import type { StoredEvent } from '../core/event.ts';
import { listingPlace } from '../core/event-place.ts';
import { plainPage } from './plain-page.ts';

function when(event: StoredEvent): string {
  if (!event.start) return 'date to be announced';
  if (event.allDay) return event.start;
  return new Date(event.start).toUTCString().replace(':00 GMT', ' UTC');
}

/** Feed text is escaped by `html`; only http(s) links survive ingest, so hrefs are safe to render. */
export function renderEventsPage(events: StoredEvent[], nowMs: number) {
  const dated = events.filter((e) => e.start);
  const undated = events.filter((e) => !e.start);
  const item = (e: StoredEvent) => html`<li>
      <h3>${e.url ? html`<a href="${e.url}" rel="noopener noreferrer">${e.title}</a>` : e.title}</h3>
      <p><time>${when(e)}</time> · ${e.kind}${listingPlace(e) ? html` · ${listingPlace(e)}` : ''}</p>
      <p class="sources">from ${e.sources.length} source${e.sources.length === 1 ? '' : 's'}</p>
    </li>`;
  return plainPage({
    title: 'Convene: upcoming events',
    maxWidth: '48rem',
    css: `li { margin-bottom: 1rem; list-style: none; } ul { padding: 0; } h3 { margin: 0; font-size: 1.1rem; }
      p { margin: 0; } .sources { color: #555; font-size: 0.9rem; } a { color: #0b57d0; }`,
    body: html`<header><h1>Upcoming events</h1><p>${dated.length} upcoming as of ${new Date(nowMs).toISOString().slice(0, 10)}</p></header>
    <main>
      <section aria-labelledby="upcoming"><h2 id="upcoming">Dated</h2><ul>${dated.map(item)}</ul></section>
      ${undated.length ? html`<section aria-labelledby="open"><h2 id="open">Open invitations (no fixed date)</h2><ul>${undated.map(item)}</ul></section>` : ''}
    </main>`,
  });
}
