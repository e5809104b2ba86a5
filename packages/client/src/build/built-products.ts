import type { ProductId } from '../products.js';

/**
 * The products whose subpath the build makes, each from `specs/<id>/<id>-api.json` of this
 * repository. A product whose document is not published yet stays off: switching it on is
 * adding its id here once `specs/<id>/` exists (the build stops with one line if it does not).
 */
export const BUILT_PRODUCTS: readonly ProductId[] = Object.freeze(['pve', 'pbs', 'pmg', 'pdm']);
