import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILT_PRODUCTS } from './build/built-products.js';
import { getProduct, PRODUCTS } from './products.js';

const require = createRequire(import.meta.url);
const specs = fileURLToPath(new URL('../../../specs/', import.meta.url));

interface Scheme {
  readonly name: string;
  readonly description: string;
}

describe('the product table', () => {
  it('names every product once, and refuses an unknown one in one line', () => {
    expect(PRODUCTS.map((p) => p.id)).toEqual(['pve', 'pbs', 'pmg', 'pdm']);
    expect(() => getProduct('pxe')).toThrow(
      'unknown Proxmox product "pxe": expected one of pve, pbs, pmg, pdm',
    );
  });

  it.each(BUILT_PRODUCTS)(
    'agrees with the security schemes of the %s document, which the package ships byte for byte',
    (id) => {
      const shipped = readFileSync(require.resolve(`@proxmox-openapi/client/${id}/openapi.json`));
      expect(shipped.equals(readFileSync(`${specs}${id}/${id}-api.json`))).toBe(true);
      const schemes = JSON.parse(shipped.toString('utf8')).components.securitySchemes as Record<
        string,
        Scheme
      >;
      const product = getProduct(id);
      expect(schemes.Ticket?.name).toBe(product.authCookie);
      expect(schemes.CsrfToken?.name).toBe('CSRFPreventionToken');
      if (product.tokenPrefix === null) expect(schemes.ApiToken).toBeUndefined();
      else
        expect(schemes.ApiToken?.description).toContain(
          `${product.tokenPrefix}=USER@REALM!TOKENID${product.tokenSeparator}SECRET`,
        );
    },
  );
});
