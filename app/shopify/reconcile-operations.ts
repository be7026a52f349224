// Admin GraphQL operations (API 2026-10) for periodic reconciliation: what changed since the cursor.
// Shopify can miss a webhook delivery; these queries catch up on orders, customers and checkouts.

export const RECONCILE_CUSTOMERS = `#graphql
  query TendReconcileCustomers($query: String!, $after: String) {
    customers(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
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
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const RECONCILE_ORDERS = `#graphql
  query TendReconcileOrders($query: String!, $after: String) {
    orders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
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
        lineItems(first: 100) {
          nodes {
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
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const RECONCILE_CHECKOUTS = `#graphql
  query TendReconcileCheckouts($query: String!, $after: String) {
    abandonedCheckouts(first: 50, after: $after, query: $query, sortKey: CREATED_AT) {
      nodes {
        id
        abandonedCheckoutUrl
        completedAt
        createdAt
        updatedAt
        totalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        customer {
          id
          defaultEmailAddress {
            emailAddress
          }
        }
        lineItems(first: 50) {
          nodes {
            title
            variantTitle
            quantity
            originalUnitPriceSet {
              shopMoney {
                amount
              }
            }
            product {
              id
            }
            variant {
              id
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Shopify search syntax for "updated after" (quoted ISO timestamp). */
export function updatedSince(since: Date): string {
  return `updated_at:>'${since.toISOString()}'`;
}
