import type { Renderer } from './renderers/renderer.js';
import { swaggerUi } from './renderers/swagger-ui.js';

/**
 * The renderer the site ships, chosen by `pnpm --filter @proxmox-openapi/site bench` (the table
 * and the reasons are in the package README). Changing it is this line plus the package's
 * dependency on the renderer's npm package.
 */
export const SITE_RENDERER: Renderer = swaggerUi;
