export type { ApidocFixture, FixtureProduct, HistoryFixture } from './fixtures.js';
export {
  APIDOC_FIXTURES,
  fixturePath,
  HISTORY_FIXTURES,
  loadFixtureText,
  loadFixtureTree,
  newestFixture,
  OTHER_PRODUCT_FIXTURES,
  PRODUCT_FIXTURES,
} from './fixtures.js';
