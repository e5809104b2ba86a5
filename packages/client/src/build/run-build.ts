import { fileURLToPath } from 'node:url';
import { buildProducts } from './build-products.js';
import { BUILT_PRODUCTS } from './built-products.js';

// The package's own build step, run after tsc as dist/build/run-build.js: the package root is two
// folders up and the repository's specs/ two more. Nothing outside the repository is read.
const packageRoot = new URL('../../', import.meta.url);
try {
  await buildProducts({
    specsDir: fileURLToPath(new URL('../../specs/', packageRoot)),
    outDir: fileURLToPath(new URL('dist/products/', packageRoot)),
    products: BUILT_PRODUCTS,
  });
} catch (error) {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 3;
}
