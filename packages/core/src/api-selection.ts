import { UsageError } from './errors.js';
import { API_TARGETS, type ApiId, DEFAULT_API_IDS, isApiId } from './targets.js';

/**
 * Reads the value of an `--api` option: `all` (every registered target, in registry order),
 * `both` (PVE and PBS, what the project started with), one id, or a comma list of ids
 * (`pve,pmg`, in the order given). Pure: it only reads the registry.
 * @param option how messages name the option (default `--api`)
 * @throws UsageError naming the value and what is wrong with it: empty, an empty item, an
 *   unknown id (with the known ones), an id given twice, or `all`/`both` inside a list.
 */
export function parseApiSelection(value: string, option = '--api'): ApiId[] {
  const known = `all, both or one or more of ${API_TARGETS.map((t) => t.id).join(', ')} separated by commas`;
  const trimmed = value.trim();
  if (trimmed === '') throw new UsageError(`${option} is empty: expected ${known}`);
  if (trimmed === 'all') return API_TARGETS.map((t) => t.id);
  if (trimmed === 'both') return [...DEFAULT_API_IDS];
  const items = trimmed.split(',').map((item) => item.trim());
  const ids: ApiId[] = [];
  items.forEach((item, index) => {
    const where = `${option} ${trimmed}`;
    if (item === '') throw new UsageError(`${where}: item ${index + 1} is empty: expected ${known}`);
    if (item === 'all' || item === 'both') {
      throw new UsageError(`${where}: "${item}" stands alone, it cannot be part of a list`);
    }
    if (!isApiId(item)) throw new UsageError(`${where}: unknown API "${item}": expected ${known}`);
    if (ids.includes(item)) throw new UsageError(`${where}: "${item}" is given twice`);
    ids.push(item);
  });
  return ids;
}
