import { redoc } from './redoc.js';
import type { Renderer } from './renderer.js';
import { scalar } from './scalar.js';
import { stoplightElements } from './stoplight-elements.js';
import { swaggerUi } from './swagger-ui.js';

/** Every candidate the bench measures, in the order of its table. */
export const RENDERERS: readonly Renderer[] = [redoc, scalar, swaggerUi, stoplightElements];
