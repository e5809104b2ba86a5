import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';
import { fixture } from './test-support/fixtures.js';
import { createRequestValidator } from './test-support/request-validator.js';

const TOKEN = { authorization: 'PVEAPIToken=root@pam!ci=0b0d3c2c-7d5e-4e1b-9f53-6d1c2a9b8e10' };

// PVE 9.1: SDN fabrics declare `delete` and `interfaces` as a `oneOf` picked by `protocol`, with
// every variant optional and no `optional` on the property itself.
describe.each(['3.0', '3.1'] as const)(
  'a oneOf picked by a type property (PVE 9.1, OpenAPI %s)',
  (version) => {
    const { tree, target } = fixture('pve-docs-9.1.2-2026-04-30.json.gz', 'pve');
    const document = generateSpec(tree, { target, openapi: version });
    const { checkRequest } = createRequestValidator(document);
    const schemas = document.components?.schemas as Record<string, { required?: string[] }>;

    it('is optional, as pve-common treats it while no variant is chosen', () => {
      expect(schemas.PutClusterSdnFabricsFabricByIdRequest?.required ?? []).not.toContain('delete');
      expect(schemas.PostClusterSdnFabricsNodeByFabricIdRequest?.required ?? []).not.toContain('interfaces');
      expect(schemas.PutClusterSdnFabricsNodeByFabricIdByNodeIdRequest?.required ?? []).not.toContain(
        'interfaces',
      );
    });

    it('accepts an update without `delete`, and one with it', () => {
      const put = (form: string) =>
        checkRequest({
          method: 'PUT',
          url: '/cluster/sdn/fabrics/fabric/f1',
          body: { form },
          headers: TOKEN,
        });
      expect(put('protocol=ospf&area=0').errors).toEqual([]);
      expect(put('protocol=ospf&delete=area').errors).toEqual([]);
      expect(put('protocol=openfabric&delete=hello_interval&delete=csnp_interval').errors).toEqual([]);
    });
  },
);
