/**
 * One small inline stylesheet (the CSP allows inline styles and nothing else). Colours keep at least
 * 4.5:1 contrast on white; focus is always visible; touch targets are at least 44 px high.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
.wrap { max-width: 52rem; margin: 0 auto; padding: 0 1rem 3rem; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
header.top { border-bottom: 1px solid #ddd; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; color: #444; }
h4 { font-size: 1.1rem; margin: 0 0 .25rem; }
a { color: #0b57d0; }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible, textarea:focus-visible {
  outline: 3px solid #0b57d0; outline-offset: 2px; }
ul.plain { list-style: none; padding: 0; margin: 0; }
article.pick { border: 1px solid #d0d0d0; border-radius: 8px; padding: .9rem 1rem; margin: 0 0 1rem; }
.meta { color: #444; margin: 0 0 .5rem; }
.rank { font-weight: 600; color: #1a1a1a; }
.reasons { margin: .25rem 0 .5rem; padding-left: 1.2rem; }
.weight { font-variant-numeric: tabular-nums; color: #555; }
.share { background: #eef6ee; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-start; margin-top: .5rem; }
.actions form { margin: 0; }
button, select, input[type=text] { font: inherit; min-height: 44px; }
button { padding: .4rem .9rem; border: 1px solid #0b57d0; border-radius: 6px; background: #fff; color: #0b57d0; cursor: pointer; }
button.primary { background: #0b57d0; color: #fff; }
details { margin: .25rem 0; }
summary { cursor: pointer; min-height: 44px; display: flex; align-items: center; color: #0b57d0; }
textarea { width: 100%; font: inherit; }
label { display: block; margin: .25rem 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
form.filters label { margin: 0; }
.notice { background: #fff7d6; border: 1px solid #c9a400; border-radius: 6px; padding: .5rem .75rem; }
.subscribe li, .gaps li { margin: .35rem 0; }
.deadline { font-weight: 600; color: #8a1c1c; }
.closed { color: #555; }
.going { font-weight: 600; color: #1d5e20; margin: 0; align-self: center; }
input.copy { width: 100%; }
footer { margin-top: 3rem; color: #555; font-size: .9rem; }
@media (max-width: 40rem) { h1 { font-size: 1.35rem; } article.pick { padding: .75rem; } }
`;
