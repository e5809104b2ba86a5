import { describe, expect, it } from 'vitest';
import { isJsonObject } from '../json-object.js';
import { requestBodyPropertyNames, resolveLocalRef, visitRequestBodySchemas } from './read-document.js';

const document = {
  components: {
    schemas: {
      'a/b': { type: 'object', properties: { x: {} } },
      Alias: { $ref: '#/components/schemas/a~1b' },
      Loop: { $ref: '#/components/schemas/Loop' },
      Part: { type: 'object', properties: { y: {}, z: {} } },
    },
    requestBodies: {
      Body: {
        content: {
          'application/json': {
            schema: {
              allOf: [{ $ref: '#/components/schemas/Alias' }, { $ref: '#/components/schemas/Part' }],
            },
          },
          'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Part' } },
        },
      },
    },
  },
  list: [{ value: 1 }],
};

describe('reading an OpenAPI document', () => {
  it('tells JSON objects from arrays and null', () => {
    expect([isJsonObject({}), isJsonObject([]), isJsonObject(null), isJsonObject('x')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('follows local references through chains, pointer escapes and array indexes', () => {
    expect(resolveLocalRef(document, { $ref: '#/components/schemas/Alias' })).toEqual({
      type: 'object',
      properties: { x: {} },
    });
    expect(resolveLocalRef(document, { $ref: '#/list/0' })).toEqual({ value: 1 });
    expect(resolveLocalRef(document, 'plain')).toBe('plain');
  });

  it('gives undefined for a loop, a missing target and a reference outside the document', () => {
    expect(resolveLocalRef(document, { $ref: '#/components/schemas/Loop' })).toBeUndefined();
    expect(resolveLocalRef(document, { $ref: '#/components/schemas/Nope' })).toBeUndefined();
    expect(resolveLocalRef(document, { $ref: 'other.yaml#/x' })).toBeUndefined();
  });

  it('names the properties of a request body once over every media type, through refs and allOf', () => {
    const names = requestBodyPropertyNames(document, { $ref: '#/components/requestBodies/Body' });
    expect([...names].sort()).toEqual(['x', 'y', 'z']);
    expect(requestBodyPropertyNames(document, undefined).size).toBe(0);
  });

  it('walks only the compositions it is told to, and stops at a loop', () => {
    const body = {
      content: {
        'application/json': {
          schema: {
            required: ['a'],
            allOf: [{ required: ['b'] }, { $ref: '#/components/schemas/Loop' }],
            oneOf: [{ required: ['c'] }],
          },
        },
      },
    };
    const required = (through: ('allOf' | 'oneOf' | 'anyOf')[]) => {
      const names: string[] = [];
      visitRequestBodySchemas(document, body, through, (schema) => {
        if (Array.isArray(schema.required)) names.push(...(schema.required as string[]));
      });
      return names;
    };
    expect(required(['allOf'])).toEqual(['a', 'b']);
    expect(required(['allOf', 'oneOf'])).toEqual(['a', 'b', 'c']);
  });
});
