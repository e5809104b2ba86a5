/** The stylesheet of the landing and changes pages (`assets/site.css`), and of the bar on top of the reference pages. */
export const SITE_CSS = `:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #e57000; --bg: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
a { color: #0550ae; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: 0 0.2em; border-radius: 3px; }
.site-nav { display: flex; gap: 1.25rem; align-items: center; padding: 0.6rem 1.5rem; background: #1b1f24; font: 14px/1.4 system-ui, sans-serif; }
.site-nav a { color: #fff; text-decoration: none; }
.site-nav a:first-child { font-weight: 600; color: var(--accent); }
.products { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; }
.product { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.product h2 { margin-top: 0; }
.product dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.75rem 0; }
.product dt { color: var(--muted); }
.product dd { margin: 0; }
.links { display: flex; flex-wrap: wrap; gap: 0.75rem; }
.muted { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: 0.75rem 0; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--bg); }
.filters input[type=search] { font: inherit; padding: 0.3rem 0.5rem; min-width: 18rem; }
table.changes { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; }
table.changes td, table.changes th { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #eaeef2; }
table.changes th { font-weight: 600; color: var(--muted); }
.level { display: inline-block; min-width: 5.5rem; font-size: 0.8rem; font-weight: 600; text-transform: uppercase; }
.level-breaking { color: #cf222e; }
.level-warning { color: #9a6700; }
.level-info { color: var(--muted); }
.method { font-weight: 600; }
.rule { color: var(--muted); font-size: 0.85rem; }
[hidden] { display: none !important; }
`;
