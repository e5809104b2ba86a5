export { apiReadme, outdatedBanner, withOutdatedLines } from './api-readme.js';
export { computeStats } from './compute-stats.js';
export { STATS_END, STATS_START } from './markers.js';
export { updateReadmeFile } from './readme-file.js';
export { thousands } from './render.js';
export type { KnownSource, SpecFiles } from './spec-files.js';
export { readSpecFiles, specApi } from './spec-files.js';
export type { SpecStats, StatsMeta } from './types.js';
export { updateReadme } from './update-readme.js';
