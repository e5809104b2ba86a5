import { UsageError } from '@proxmox-openapi/core';
import type { Engine, EngineFactory, EngineName, EngineOptions } from './engine.js';

export type { Engine, EngineName, EngineOptions } from './engine.js';

/**
 * Creates the engine that `--engine` names. Both are imported lazily: the local engine's stage
 * packages are loaded only when a run starts, and the Dagger SDK (about 1.5 s to load) only
 * when the Dagger engine is asked for.
 */
export async function createEngine(name: EngineName, options: EngineOptions): Promise<Engine> {
  if (name === 'local') {
    const { createLocalEngine } = await import('./local-engine.js');
    return createLocalEngine(options);
  }
  const factory = await loadDaggerFactory(new URL('./dagger-engine.js', import.meta.url).href);
  return factory(options);
}

/**
 * Imports the Dagger engine's factory from `specifier`; when the module (or the SDK it needs)
 * is not there, fails in one line that names the way out.
 */
export async function loadDaggerFactory(specifier: string): Promise<EngineFactory> {
  let factory: EngineFactory | undefined;
  try {
    // A computed specifier: the module is written separately and may not be in every build.
    const module = (await import(specifier)) as { createDaggerEngine?: EngineFactory };
    factory = module.createDaggerEngine;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
  if (!factory) {
    throw new UsageError('the Dagger engine is not available in this build; use --engine local');
  }
  return factory;
}
