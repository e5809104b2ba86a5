export { computeStats } from './compute-stats.js';
export { STATS_END, STATS_START } from './markers.js';
export { newApiReadme, updateReadmeFile } from './readme-file.js';
export { thousands } from './render.js';
export type { SpecFiles } from './spec-files.js';
export { readSpecFiles } from './spec-files.js';
export type { SpecStats, StatsMeta } from './types.js';
export { updateReadme } from './update-readme.js';
