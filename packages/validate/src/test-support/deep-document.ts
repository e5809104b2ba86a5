/** The document text: one operation whose response schema nests `levels` objects deep. */
export function deepDocumentText(levels: number): string {
  const head = {
    openapi: '3.0.3',
    info: { title: 'deep', version: '1', license: { name: 'MIT', url: 'https://example.com' } },
    servers: [{ url: 'https://example.com' }],
    paths: {
      '/a': {
        get: {
          operationId: 'a',
          summary: 's',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: 'DEEP' } } } },
        },
      },
    },
  };
  // Built as text: JSON.stringify itself recurses and cannot write 50,000 levels.
  const deep = `${'{"type":"object","properties":{"a":'.repeat(levels)}{"type":"string"}${'}}'.repeat(levels)}`;
  return JSON.stringify(head).replace('"DEEP"', deep);
}
