import { readFileSync } from 'node:fs';

/**
 * Builds an apidoc.js the way the Proxmox API viewers frame it, from a bare JSON array text,
 * followed by viewer-like JavaScript full of what a naive scanner trips on: brackets and
 * quotes inside strings, regular expressions, template literals, comments.
 */

/** The two framings seen in the wild: PVE/PMG (`const`, no `;`) and PBS/PDM (`var`, with `;`). */
export type Framing = 'pve' | 'pbs';

/** The JavaScript that follows the array (kept in a .txt file so no tool formats or runs it). */
export const VIEWER_TAIL = readFileSync(new URL('../data/viewer-tail.js.txt', import.meta.url), 'utf8');

/** Wraps a bare JSON array text in one of the framings and appends the viewer JavaScript. */
export function frameApidoc(json: string, framing: Framing, tail = VIEWER_TAIL): string {
  return framing === 'pve'
    ? `const apiSchema = ${json.trimEnd()}\n\n${tail}`
    : `var apiSchema = ${json.trimEnd()};\n${tail}`;
}
