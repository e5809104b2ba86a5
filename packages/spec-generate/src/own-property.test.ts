import { type ApiTree, getApiTarget } from '@proxmox-openapi/core';
import { describe, expect, it } from 'vitest';
import { generateSpec } from './generate-spec.js';

// A regression from the pipeline's hardening corpus: a parameter named
// `__proto__` replaced the prototype of the parameter map and vanished from the document.
const TRICKY = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty'];

function treeWith(method: 'GET' | 'POST'): ApiTree {
  const properties = JSON.parse(
    `{${TRICKY.map((name) => `"${name}": {"type": "string", "optional": 1}`).join(', ')}, "node": {"type": "string"}}`,
  ) as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify([
      {
        path: '/nodes',
        text: 'nodes',
        children: [
          {
            path: '/nodes/{node}',
            text: '{node}',
            info: {
              [method]: { method, name: 'x', description: 'x', parameters: { type: 'object', properties } },
            },
          },
        ],
      },
    ]),
  ) as ApiTree;
}

describe('parameter names that are Object.prototype keys', () => {
  it('carries __proto__, constructor and prototype as query parameters', () => {
    const document = generateSpec(treeWith('GET'), { target: getApiTarget('pve') }) as unknown as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    const names = document.paths['/nodes/{node}']?.get.parameters.map((p) => p.name) ?? [];
    expect(names).toEqual(expect.arrayContaining([...TRICKY, 'node']));
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('carries them as request body properties, as own keys', () => {
    const document = generateSpec(treeWith('POST'), { target: getApiTarget('pve') });
    const text = JSON.stringify(document);
    for (const name of TRICKY) expect(text).toContain(`"${name}":{"type":"string"`);
  });
});
