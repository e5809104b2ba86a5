/** One request as the server answered it. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** What the request broke in the document, as Prism's `sl-violations` header lists it. */
  readonly requestViolations: readonly string[];
}

/** The global fetch, with a list of every exchange, to check afterwards what Prism said. */
export function recordingFetch(): { fetch: (request: Request) => Promise<Response>; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  return {
    exchanges,
    fetch: async (request) => {
      const response = await fetch(request);
      exchanges.push({
        method: request.method,
        url: request.url,
        status: response.status,
        requestViolations: requestViolations(response.headers.get('sl-violations')),
      });
      return response;
    },
  };
}

interface Violation {
  readonly location?: readonly string[];
  readonly message?: string;
}

/** The violations Prism found in the request (not those of its own generated answer). */
function requestViolations(header: string | null): string[] {
  if (header === null) return [];
  const list = JSON.parse(header) as Violation[];
  return list
    .filter((v) => v.location?.[0] === 'request')
    .map((v) => `${v.location?.join('.')}: ${v.message}`);
}
