// The shared test configuration of the workspace (see vitest.shared.ts at the root).
export { default } from '../../vitest.shared.ts';
