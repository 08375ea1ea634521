import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The document around the server's plain pages (API reference, events list): no script and one inline
 * style, so they load nothing from elsewhere and work under the app's CSP. `css` is the page's own rules.
 */
export function plainPage(page: { title: Html | string; maxWidth: string; css: string; body: Html }) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${page.title}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: ${raw(page.maxWidth)}; margin: 0 auto; padding: 1rem; color: #1a1a1a; }
      ${raw(page.css)}
    </style>
  </head>
  <body>
    ${page.body}
  </body>
</html>`;
}
