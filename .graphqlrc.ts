// GraphQL tooling config (graphql-codegen, editor plugins): typed results for every `#graphql`
// operation in app/, generated from the SAME vendored Admin 2026-10 schema the contract tests use.
// `npm run graphql-codegen` unpacks app/shopify/schema/admin_2026-10.json.gz first.
import { ApiType, pluckConfig, preset } from "@shopify/api-codegen-preset";

const schema = "./node_modules/.cache/tend/admin_2026-10.json";
const documents = ["./app/**/*.{ts,tsx}", "!./app/types/**"];

export default {
  schema,
  documents,
  projects: {
    default: {
      schema,
      documents,
      extensions: {
        codegen: {
          pluckConfig,
          generates: {
            "./app/types/admin.types.d.ts": {
              plugins: ["typescript"],
              config: { defaultScalarType: "string", scalars: { JSON: "unknown" }, enumsAsConst: true },
            },
            "./app/types/admin.generated.d.ts": {
              preset,
              documents,
              presetConfig: { apiType: ApiType.Admin },
            },
          },
        },
      },
    },
  },
};
