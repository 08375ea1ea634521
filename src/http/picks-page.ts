import { html } from 'hono/html';
import type { Pick, Recommendations } from '../core/ranking.ts';

function when(p: Pick): string {
  if (!p.event.start) return 'date to be announced';
  return p.event.start.length === 10 ? p.event.start : new Date(p.event.start).toUTCString().replace(':00 GMT', ' UTC');
}

function where(p: Pick): string {
  if (p.event.online === true) return 'online';
  const place = [p.event.city, p.event.country].filter(Boolean).join(', ');
  return p.event.online === 'hybrid' ? `${place || 'in person'} and online` : place;
}

/** The picks with every reason and share hint in words; feed text is escaped by `html`, links are http(s) only. */
export function renderPicksPage(result: Recommendations, profileName: string | null) {
  const pick = (p: Pick) => html`<li>
      <h3>${p.event.url ? html`<a href="${p.event.url}" rel="noopener noreferrer">${p.event.title}</a>` : p.event.title}</h3>
      <p><time>${when(p)}</time> · ${p.event.kind}${where(p) ? html` · ${where(p)}` : ''} · score ${p.score}</p>
      <ul class="reasons">
        ${p.reasons.map((r) => html`<li><span class="w">${r.weight >= 0 ? '+' : ''}${r.weight.toFixed(2)}</span> ${r.text}</li>`)}
      </ul>
      ${p.shareWith.length ? html`<p class="share">Share with: ${p.shareWith.map((s) => s.why).join('; ')}</p>` : ''}
    </li>`;
  const gaps = result.gaps;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Convene: events worth attending</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
      ul { padding: 0; } li { list-style: none; } main > section > ul > li { margin-bottom: 1.25rem; }
      h3 { margin: 0; font-size: 1.1rem; } p { margin: 0.2rem 0; } a { color: #0b57d0; }
      .reasons li { font-size: 0.95rem; } .w { display: inline-block; min-width: 3.2rem; color: #444; font-variant-numeric: tabular-nums; }
      .share { color: #2e5d2e; font-size: 0.95rem; } .gaps li { margin: 0.2rem 0; }
    </style>
  </head>
  <body>
    <header>
      <h1>Events worth attending${profileName ? html` for ${profileName}` : ''}</h1>
      <p><a href="/events">All upcoming events</a> · <a href="/v1/picks">JSON</a></p>
    </header>
    <main>
      <section aria-labelledby="picks"><h2 id="picks">Picks</h2><ul>${result.picks.map(pick)}</ul></section>
      <section aria-labelledby="give"><h2 id="give">Give first</h2><ul>${result.giveFirst.map(pick)}</ul></section>
      <section aria-labelledby="gaps" class="gaps">
        <h2 id="gaps">Your network</h2>
        <ul>
          ${gaps.coverage.slice(0, 5).map((g) => html`<li>${g.text}</li>`)}
          ${gaps.maintenance.overdue.slice(0, 5).map((m) => html`<li>${m.text}</li>`)}
          <li>${gaps.channel.text}</li>
        </ul>
      </section>
    </main>
  </body>
</html>`;
}
