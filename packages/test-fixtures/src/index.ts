export type { ApidocFixture } from './fixtures.js';
export { APIDOC_FIXTURES, fixturePath, loadFixtureText, loadFixtureTree, newestFixture } from './fixtures.js';
