import { findMarkers } from './markers.js';
import { renderApiSection, renderRootTable } from './render.js';
import type { SpecStats } from './types.js';

/**
 * Replaces what sits between `<!-- proxmox-openapi:stats:start -->` and `…:end -->` with the
 * statistics: one `SpecStats` gives the per-API section, an array the root table (one row per
 * API). Everything outside the markers is kept byte for byte, the README's line endings are
 * kept, and when nothing changed the same string comes back.
 * @throws InputError when the marker pair is missing, incomplete, doubled or reversed.
 */
export function updateReadme(text: string, stats: SpecStats | SpecStats[]): string {
  const { from, to } = findMarkers(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const previous = text.slice(from, to);
  const lines = Array.isArray(stats) ? renderRootTable(stats, previous) : renderApiSection(stats);
  const section = `${eol}${eol}${lines.join(eol)}${eol}${eol}`;
  if (section === previous) return text;
  return text.slice(0, from) + section + text.slice(to);
}
