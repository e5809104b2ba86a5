const apiSchema = `[${JSON.stringify(globalThis)}]`;
