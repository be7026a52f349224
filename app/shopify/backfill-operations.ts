// Admin GraphQL operations for the bulk backfill (API 2026-10). The three bulk queries are complete
// documents on their own (valid queries) and are sent as the `query` argument of bulkOperationRunQuery.

export const BULK_OPERATION_RUN = `#graphql
  mutation TendBackfillRun($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const BULK_OPERATION_STATUS = `#graphql
  query TendBackfillStatus($id: ID!) {
    node(id: $id) {
      ... on BulkOperation {
        id
        status
        errorCode
        url
        partialDataUrl
        objectCount
        fileSize
      }
    }
  }
`;

export const CUSTOMERS_BULK_QUERY = `#graphql
  query TendBackfillCustomers {
    customers {
      edges {
        node {
          id
          firstName
          lastName
          locale
          tags
          updatedAt
          defaultEmailAddress {
            emailAddress
            marketingState
            marketingOptInLevel
            marketingUpdatedAt
          }
          defaultAddress {
            countryCodeV2
            timeZone
          }
        }
      }
    }
  }
`;

export const PRODUCTS_BULK_QUERY = `#graphql
  query TendBackfillProducts {
    products {
      edges {
        node {
          id
          title
          handle
          descriptionHtml
          productType
          vendor
          tags
          status
          updatedAt
          featuredMedia {
            preview {
              image {
                url
                altText
              }
            }
          }
          variants {
            edges {
              node {
                id
                title
                price
                inventoryQuantity
                availableForSale
              }
            }
          }
        }
      }
    }
  }
`;

/** `SINCE` is replaced by the cut-off date (YYYY-MM-DD) before sending; the text stays a valid query. */
export const ORDERS_BULK_QUERY = `#graphql
  query TendBackfillOrders {
    orders(query: "processed_at:>=SINCE") {
      edges {
        node {
          id
          name
          email
          customer {
            id
          }
          checkoutToken
          currencyCode
          subtotalPriceSet {
            shopMoney {
              amount
            }
          }
          totalPriceSet {
            shopMoney {
              amount
            }
          }
          totalRefundedSet {
            shopMoney {
              amount
            }
          }
          displayFinancialStatus
          discountCodes
          sourceName
          processedAt
          cancelledAt
          updatedAt
          lineItems {
            edges {
              node {
                id
                title
                variantTitle
                sku
                quantity
                originalUnitPriceSet {
                  shopMoney {
                    amount
                  }
                }
                product {
                  id
                  productType
                }
                variant {
                  id
                }
              }
            }
          }
        }
      }
    }
  }
`;

export type BackfillResource = "customers" | "products" | "orders";

export const BACKFILL_ORDER: BackfillResource[] = ["customers", "products", "orders"];

/** Two years and a month of history: win-back and anniversary look back a year and more. */
export function bulkQueryFor(resource: BackfillResource, now: Date): string {
  if (resource === "customers") return CUSTOMERS_BULK_QUERY;
  if (resource === "products") return PRODUCTS_BULK_QUERY;
  const since = new Date(now.getTime() - 761 * 86_400_000).toISOString().slice(0, 10);
  return ORDERS_BULK_QUERY.replace("SINCE", since);
}
