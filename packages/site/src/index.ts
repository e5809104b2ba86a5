export type { BuildSiteOptions, BuiltSite } from './build-site.js';
export { buildSite } from './build-site.js';
export type { Change, ChangeLevel, Changelog, ChangelogSection } from './changelog.js';
export { CHANGE_LEVELS, readChangelog } from './changelog.js';
export type { SiteApiFacts } from './published-api.js';
export { RENDERERS } from './renderers/index.js';
export type { ReferencePageInput, Renderer, RendererAsset } from './renderers/renderer.js';
export { SITE_RENDERER } from './site-renderer.js';
