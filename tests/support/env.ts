// Environment every test process starts from: live mode with test credentials, quiet logs.
export const TEST_API_KEY = "tend-test-api-key";
export const TEST_API_SECRET = "tend-test-api-secret-0123456789";
export const TEST_APP_URL = "https://tend.test";

export function applyTestEnv(): void {
  process.env.TEND_MODE = "live";
  process.env.SHOPIFY_API_KEY = TEST_API_KEY;
  process.env.SHOPIFY_API_SECRET = TEST_API_SECRET;
  process.env.SHOPIFY_APP_URL = TEST_APP_URL;
  process.env.LOG_LEVEL = "silent";
  process.env.TEND_WORKER = "off";
}
