// Writing a customer's email marketing consent back to Shopify (one-click unsubscribe → UNSUBSCRIBED).
import type { AdminGraphql } from "../admin.server";
import { adminRequest } from "./admin-client.server";

export const CUSTOMER_EMAIL_MARKETING_CONSENT_UPDATE = `#graphql
  mutation TendCustomerEmailMarketingConsentUpdate($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) {
      customer {
        id
        defaultEmailAddress {
          marketingState
          marketingUpdatedAt
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

interface ConsentResult {
  customerEmailMarketingConsentUpdate: {
    customer: { id: string } | null;
    userErrors: { field: string[] | null; code: string | null; message: string }[];
  } | null;
}

export async function writeUnsubscribed(
  graphql: AdminGraphql,
  input: { customerShopifyId: string; at: Date },
): Promise<void> {
  const data = await adminRequest<ConsentResult>(graphql, CUSTOMER_EMAIL_MARKETING_CONSENT_UPDATE, {
    input: {
      customerId: `gid://shopify/Customer/${input.customerShopifyId}`,
      emailMarketingConsent: { marketingState: "UNSUBSCRIBED", consentUpdatedAt: input.at.toISOString() },
    },
  });
  const errors = data.customerEmailMarketingConsentUpdate?.userErrors ?? [];
  if (errors.length)
    throw new Error(`customerEmailMarketingConsentUpdate: ${errors.map((e) => e.message).join("; ")}`);
}
