export { computeStats } from './compute-stats.js';
export { STATS_END, STATS_START } from './markers.js';
export { statsCommand } from './stats-command.js';
export type { SpecStats, StatsMeta } from './types.js';
export { updateReadme } from './update-readme.js';
