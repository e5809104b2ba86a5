/**
 * Runs in the page: the `performance.now()` at which the text of `path` is on screen (inside
 * the viewport, with a size), or `false`. Renderers split a path over several elements and may
 * insert zero-width spaces, so it looks for text nodes holding the last segment and climbs a few
 * ancestors until one holds the whole path. Cheap enough to poll on a large page.
 */
export function operationVisibleAt(path: string): number | false {
  const strip = (s: string) => s.replace(/[\s\u200b]+/g, '');
  const want = strip(path);
  const last = path.slice(path.lastIndexOf('/') + 1);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue?.includes(last)) continue;
    let element = node.parentElement;
    for (let depth = 0; element && depth < 6; depth++, element = element.parentElement) {
      if (!strip(element.textContent ?? '').includes(want)) continue;
      const box = element.getBoundingClientRect();
      const onScreen =
        box.width > 0 &&
        box.height > 0 &&
        box.bottom > 0 &&
        box.top < window.innerHeight &&
        box.right > 0 &&
        box.left < window.innerWidth &&
        getComputedStyle(element).visibility !== 'hidden';
      if (onScreen) return performance.now();
      break;
    }
  }
  return false;
}
