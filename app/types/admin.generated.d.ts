/* eslint-disable eslint-comments/disable-enable-pair */
/* eslint-disable eslint-comments/no-unlimited-disable */
/* eslint-disable */
import type * as AdminTypes from './admin.types.js';

export type TendAbandonmentByAbandonedCheckoutIdQueryVariables = AdminTypes.Exact<{
  abandonedCheckoutId: AdminTypes.Scalars['ID']['input'];
}>;


export type TendAbandonmentByAbandonedCheckoutIdQuery = { abandonmentByAbandonedCheckoutId?: AdminTypes.Maybe<Pick<AdminTypes.Abandonment, 'id' | 'emailState'>> };

export type TendAbandonmentUpdateActivitiesDeliveryStatusesMutationVariables = AdminTypes.Exact<{
  abandonmentId: AdminTypes.Scalars['ID']['input'];
  marketingActivityId: AdminTypes.Scalars['ID']['input'];
  deliveryStatus: AdminTypes.AbandonmentDeliveryState;
  deliveredAt?: AdminTypes.InputMaybe<AdminTypes.Scalars['DateTime']['input']>;
  deliveryStatusChangeReason?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type TendAbandonmentUpdateActivitiesDeliveryStatusesMutation = { abandonmentUpdateActivitiesDeliveryStatuses?: AdminTypes.Maybe<{ userErrors: Array<Pick<AdminTypes.AbandonmentUpdateActivitiesDeliveryStatusesUserError, 'field' | 'code' | 'message'>> }> };

export type TendAbandonedCheckoutsCreatedBetweenQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type TendAbandonedCheckoutsCreatedBetweenQuery = { abandonedCheckouts: { nodes: Array<Pick<AdminTypes.AbandonedCheckout, 'id' | 'abandonedCheckoutUrl' | 'createdAt'>> } };

export type TendMarketingActivityUpsertExternalMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.MarketingActivityUpsertExternalInput;
}>;


export type TendMarketingActivityUpsertExternalMutation = { marketingActivityUpsertExternal?: AdminTypes.Maybe<{ marketingActivity?: AdminTypes.Maybe<Pick<AdminTypes.MarketingActivity, 'id'>>, userErrors: Array<Pick<AdminTypes.MarketingActivityUserError, 'field' | 'code' | 'message'>> }> };

export type TendBackfillRunMutationVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
}>;


export type TendBackfillRunMutation = { bulkOperationRunQuery?: AdminTypes.Maybe<{ bulkOperation?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status'>>, userErrors: Array<Pick<AdminTypes.BulkOperationUserError, 'field' | 'message'>> }> };

export type TendBackfillStatusQueryVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
}>;


export type TendBackfillStatusQuery = { node?: AdminTypes.Maybe<Pick<AdminTypes.BulkOperation, 'id' | 'status' | 'errorCode' | 'url' | 'partialDataUrl' | 'objectCount' | 'fileSize'>> };

export type TendBackfillCustomersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TendBackfillCustomersQuery = { customers: { edges: Array<{ node: (
        Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'locale' | 'tags' | 'updatedAt'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState' | 'marketingOptInLevel' | 'marketingUpdatedAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2' | 'timeZone'>> }
      ) }> } };

export type TendBackfillProductsQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TendBackfillProductsQuery = { products: { edges: Array<{ node: (
        Pick<AdminTypes.Product, 'id' | 'title' | 'handle' | 'descriptionHtml' | 'productType' | 'vendor' | 'tags' | 'status' | 'updatedAt'>
        & { featuredMedia?: AdminTypes.Maybe<{ preview?: AdminTypes.Maybe<{ image?: AdminTypes.Maybe<Pick<AdminTypes.Image, 'url' | 'altText'>> }> }>, variants: { edges: Array<{ node: Pick<AdminTypes.ProductVariant, 'id' | 'title' | 'price' | 'inventoryQuantity' | 'availableForSale'> }> } }
      ) }> } };

export type TendBackfillOrdersQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TendBackfillOrdersQuery = { orders: { edges: Array<{ node: (
        Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'checkoutToken' | 'currencyCode' | 'displayFinancialStatus' | 'discountCodes' | 'sourceName' | 'processedAt' | 'cancelledAt' | 'updatedAt'>
        & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, lineItems: { edges: Array<{ node: (
              Pick<AdminTypes.LineItem, 'id' | 'title' | 'variantTitle' | 'sku' | 'quantity'>
              & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id' | 'productType'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
            ) }> } }
      ) }> } };

export type TendCustomerEmailMarketingConsentUpdateMutationVariables = AdminTypes.Exact<{
  input: AdminTypes.CustomerEmailMarketingConsentUpdateInput;
}>;


export type TendCustomerEmailMarketingConsentUpdateMutation = { customerEmailMarketingConsentUpdate?: AdminTypes.Maybe<{ customer?: AdminTypes.Maybe<(
      Pick<AdminTypes.Customer, 'id'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'marketingState' | 'marketingUpdatedAt'>> }
    )>, userErrors: Array<Pick<AdminTypes.CustomerEmailMarketingConsentUpdateUserError, 'field' | 'code' | 'message'>> }> };

export type TendDiscountCodeBasicCreateMutationVariables = AdminTypes.Exact<{
  basicCodeDiscount: AdminTypes.DiscountCodeBasicInput;
}>;


export type TendDiscountCodeBasicCreateMutation = { discountCodeBasicCreate?: AdminTypes.Maybe<{ codeDiscountNode?: AdminTypes.Maybe<Pick<AdminTypes.DiscountCodeNode, 'id'>>, userErrors: Array<Pick<AdminTypes.DiscountUserError, 'field' | 'code' | 'message'>> }> };

export type TendWebPixelCreateMutationVariables = AdminTypes.Exact<{
  webPixel: AdminTypes.WebPixelInput;
}>;


export type TendWebPixelCreateMutation = { webPixelCreate?: AdminTypes.Maybe<{ webPixel?: AdminTypes.Maybe<Pick<AdminTypes.WebPixel, 'id' | 'settings'>>, userErrors: Array<Pick<AdminTypes.ErrorsWebPixelUserError, 'code' | 'field' | 'message'>> }> };

export type TendWebPixelCurrentQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TendWebPixelCurrentQuery = { webPixel?: AdminTypes.Maybe<Pick<AdminTypes.WebPixel, 'id' | 'settings'>> };

export type TendWebPixelUpdateMutationVariables = AdminTypes.Exact<{
  id: AdminTypes.Scalars['ID']['input'];
  webPixel: AdminTypes.WebPixelInput;
}>;


export type TendWebPixelUpdateMutation = { webPixelUpdate?: AdminTypes.Maybe<{ webPixel?: AdminTypes.Maybe<Pick<AdminTypes.WebPixel, 'id' | 'settings'>>, userErrors: Array<Pick<AdminTypes.ErrorsWebPixelUserError, 'code' | 'field' | 'message'>> }> };

export type TendReconcileCustomersQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type TendReconcileCustomersQuery = { customers: { nodes: Array<(
      Pick<AdminTypes.Customer, 'id' | 'firstName' | 'lastName' | 'locale' | 'tags' | 'updatedAt'>
      & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress' | 'marketingState' | 'marketingOptInLevel' | 'marketingUpdatedAt'>>, defaultAddress?: AdminTypes.Maybe<Pick<AdminTypes.MailingAddress, 'countryCodeV2' | 'timeZone'>> }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type TendReconcileOrdersQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type TendReconcileOrdersQuery = { orders: { nodes: Array<(
      Pick<AdminTypes.Order, 'id' | 'name' | 'email' | 'checkoutToken' | 'currencyCode' | 'displayFinancialStatus' | 'discountCodes' | 'sourceName' | 'processedAt' | 'cancelledAt' | 'updatedAt'>
      & { customer?: AdminTypes.Maybe<Pick<AdminTypes.Customer, 'id'>>, subtotalPriceSet?: AdminTypes.Maybe<{ shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }>, totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, totalRefundedSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, lineItems: { nodes: Array<(
          Pick<AdminTypes.LineItem, 'id' | 'title' | 'variantTitle' | 'sku' | 'quantity'>
          & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id' | 'productType'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
        )> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type TendReconcileCheckoutsQueryVariables = AdminTypes.Exact<{
  query: AdminTypes.Scalars['String']['input'];
  after?: AdminTypes.InputMaybe<AdminTypes.Scalars['String']['input']>;
}>;


export type TendReconcileCheckoutsQuery = { abandonedCheckouts: { nodes: Array<(
      Pick<AdminTypes.AbandonedCheckout, 'id' | 'abandonedCheckoutUrl' | 'completedAt' | 'createdAt' | 'updatedAt'>
      & { totalPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount' | 'currencyCode'> }, customer?: AdminTypes.Maybe<(
        Pick<AdminTypes.Customer, 'id'>
        & { defaultEmailAddress?: AdminTypes.Maybe<Pick<AdminTypes.CustomerEmailAddress, 'emailAddress'>> }
      )>, lineItems: { nodes: Array<(
          Pick<AdminTypes.AbandonedCheckoutLineItem, 'title' | 'variantTitle' | 'quantity'>
          & { originalUnitPriceSet: { shopMoney: Pick<AdminTypes.MoneyV2, 'amount'> }, product?: AdminTypes.Maybe<Pick<AdminTypes.Product, 'id'>>, variant?: AdminTypes.Maybe<Pick<AdminTypes.ProductVariant, 'id'>> }
        )> } }
    )>, pageInfo: Pick<AdminTypes.PageInfo, 'hasNextPage' | 'endCursor'> } };

export type TendShopProfileQueryVariables = AdminTypes.Exact<{ [key: string]: never; }>;


export type TendShopProfileQuery = { shop: (
    Pick<AdminTypes.Shop, 'id' | 'name' | 'email' | 'contactEmail' | 'myshopifyDomain' | 'currencyCode' | 'ianaTimezone'>
    & { plan: Pick<AdminTypes.ShopPlan, 'publicDisplayName'>, primaryDomain: Pick<AdminTypes.Domain, 'host'>, shopAddress: Pick<AdminTypes.ShopAddress, 'formatted'> }
  ) };

interface GeneratedQueryTypes {
  "#graphql\n  query TendAbandonmentByAbandonedCheckoutId($abandonedCheckoutId: ID!) {\n    abandonmentByAbandonedCheckoutId(abandonedCheckoutId: $abandonedCheckoutId) {\n      id\n      emailState\n    }\n  }\n": {return: TendAbandonmentByAbandonedCheckoutIdQuery, variables: TendAbandonmentByAbandonedCheckoutIdQueryVariables},
  "#graphql\n  query TendAbandonedCheckoutsCreatedBetween($query: String!) {\n    abandonedCheckouts(first: 50, query: $query, sortKey: CREATED_AT) {\n      nodes {\n        id\n        abandonedCheckoutUrl\n        createdAt\n      }\n    }\n  }\n": {return: TendAbandonedCheckoutsCreatedBetweenQuery, variables: TendAbandonedCheckoutsCreatedBetweenQueryVariables},
  "#graphql\n  query TendBackfillStatus($id: ID!) {\n    node(id: $id) {\n      ... on BulkOperation {\n        id\n        status\n        errorCode\n        url\n        partialDataUrl\n        objectCount\n        fileSize\n      }\n    }\n  }\n": {return: TendBackfillStatusQuery, variables: TendBackfillStatusQueryVariables},
  "#graphql\n  query TendBackfillCustomers {\n    customers {\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          locale\n          tags\n          updatedAt\n          defaultEmailAddress {\n            emailAddress\n            marketingState\n            marketingOptInLevel\n            marketingUpdatedAt\n          }\n          defaultAddress {\n            countryCodeV2\n            timeZone\n          }\n        }\n      }\n    }\n  }\n": {return: TendBackfillCustomersQuery, variables: TendBackfillCustomersQueryVariables},
  "#graphql\n  query TendBackfillProducts {\n    products {\n      edges {\n        node {\n          id\n          title\n          handle\n          descriptionHtml\n          productType\n          vendor\n          tags\n          status\n          updatedAt\n          featuredMedia {\n            preview {\n              image {\n                url\n                altText\n              }\n            }\n          }\n          variants {\n            edges {\n              node {\n                id\n                title\n                price\n                inventoryQuantity\n                availableForSale\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: TendBackfillProductsQuery, variables: TendBackfillProductsQueryVariables},
  "#graphql\n  query TendBackfillOrders {\n    orders(query: \"processed_at:>=SINCE\") {\n      edges {\n        node {\n          id\n          name\n          email\n          customer {\n            id\n          }\n          checkoutToken\n          currencyCode\n          subtotalPriceSet {\n            shopMoney {\n              amount\n            }\n          }\n          totalPriceSet {\n            shopMoney {\n              amount\n            }\n          }\n          totalRefundedSet {\n            shopMoney {\n              amount\n            }\n          }\n          displayFinancialStatus\n          discountCodes\n          sourceName\n          processedAt\n          cancelledAt\n          updatedAt\n          lineItems {\n            edges {\n              node {\n                id\n                title\n                variantTitle\n                sku\n                quantity\n                originalUnitPriceSet {\n                  shopMoney {\n                    amount\n                  }\n                }\n                product {\n                  id\n                  productType\n                }\n                variant {\n                  id\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": {return: TendBackfillOrdersQuery, variables: TendBackfillOrdersQueryVariables},
  "#graphql\n  query TendWebPixelCurrent {\n    webPixel { id settings }\n  }\n": {return: TendWebPixelCurrentQuery, variables: TendWebPixelCurrentQueryVariables},
  "#graphql\n  query TendReconcileCustomers($query: String!, $after: String) {\n    customers(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        firstName\n        lastName\n        locale\n        tags\n        updatedAt\n        defaultEmailAddress {\n          emailAddress\n          marketingState\n          marketingOptInLevel\n          marketingUpdatedAt\n        }\n        defaultAddress {\n          countryCodeV2\n          timeZone\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: TendReconcileCustomersQuery, variables: TendReconcileCustomersQueryVariables},
  "#graphql\n  query TendReconcileOrders($query: String!, $after: String) {\n    orders(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {\n      nodes {\n        id\n        name\n        email\n        customer {\n          id\n        }\n        checkoutToken\n        currencyCode\n        subtotalPriceSet {\n          shopMoney {\n            amount\n          }\n        }\n        totalPriceSet {\n          shopMoney {\n            amount\n          }\n        }\n        totalRefundedSet {\n          shopMoney {\n            amount\n          }\n        }\n        displayFinancialStatus\n        discountCodes\n        sourceName\n        processedAt\n        cancelledAt\n        updatedAt\n        lineItems(first: 100) {\n          nodes {\n            id\n            title\n            variantTitle\n            sku\n            quantity\n            originalUnitPriceSet {\n              shopMoney {\n                amount\n              }\n            }\n            product {\n              id\n              productType\n            }\n            variant {\n              id\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: TendReconcileOrdersQuery, variables: TendReconcileOrdersQueryVariables},
  "#graphql\n  query TendReconcileCheckouts($query: String!, $after: String) {\n    abandonedCheckouts(first: 50, after: $after, query: $query, sortKey: CREATED_AT) {\n      nodes {\n        id\n        abandonedCheckoutUrl\n        completedAt\n        createdAt\n        updatedAt\n        totalPriceSet {\n          shopMoney {\n            amount\n            currencyCode\n          }\n        }\n        customer {\n          id\n          defaultEmailAddress {\n            emailAddress\n          }\n        }\n        lineItems(first: 50) {\n          nodes {\n            title\n            variantTitle\n            quantity\n            originalUnitPriceSet {\n              shopMoney {\n                amount\n              }\n            }\n            product {\n              id\n            }\n            variant {\n              id\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": {return: TendReconcileCheckoutsQuery, variables: TendReconcileCheckoutsQueryVariables},
  "#graphql\n  query TendShopProfile {\n    shop {\n      id\n      name\n      email\n      contactEmail\n      myshopifyDomain\n      currencyCode\n      ianaTimezone\n      plan { publicDisplayName }\n      primaryDomain { host }\n      shopAddress { formatted }\n    }\n  }\n": {return: TendShopProfileQuery, variables: TendShopProfileQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation TendAbandonmentUpdateActivitiesDeliveryStatuses(\n    $abandonmentId: ID!\n    $marketingActivityId: ID!\n    $deliveryStatus: AbandonmentDeliveryState!\n    $deliveredAt: DateTime\n    $deliveryStatusChangeReason: String\n  ) {\n    abandonmentUpdateActivitiesDeliveryStatuses(\n      abandonmentId: $abandonmentId\n      marketingActivityId: $marketingActivityId\n      deliveryStatus: $deliveryStatus\n      deliveredAt: $deliveredAt\n      deliveryStatusChangeReason: $deliveryStatusChangeReason\n    ) {\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": {return: TendAbandonmentUpdateActivitiesDeliveryStatusesMutation, variables: TendAbandonmentUpdateActivitiesDeliveryStatusesMutationVariables},
  "#graphql\n  mutation TendMarketingActivityUpsertExternal($input: MarketingActivityUpsertExternalInput!) {\n    marketingActivityUpsertExternal(input: $input) {\n      marketingActivity {\n        id\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": {return: TendMarketingActivityUpsertExternalMutation, variables: TendMarketingActivityUpsertExternalMutationVariables},
  "#graphql\n  mutation TendBackfillRun($query: String!) {\n    bulkOperationRunQuery(query: $query) {\n      bulkOperation {\n        id\n        status\n      }\n      userErrors {\n        field\n        message\n      }\n    }\n  }\n": {return: TendBackfillRunMutation, variables: TendBackfillRunMutationVariables},
  "#graphql\n  mutation TendCustomerEmailMarketingConsentUpdate($input: CustomerEmailMarketingConsentUpdateInput!) {\n    customerEmailMarketingConsentUpdate(input: $input) {\n      customer {\n        id\n        defaultEmailAddress {\n          marketingState\n          marketingUpdatedAt\n        }\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": {return: TendCustomerEmailMarketingConsentUpdateMutation, variables: TendCustomerEmailMarketingConsentUpdateMutationVariables},
  "#graphql\n  mutation TendDiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {\n    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {\n      codeDiscountNode {\n        id\n      }\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": {return: TendDiscountCodeBasicCreateMutation, variables: TendDiscountCodeBasicCreateMutationVariables},
  "#graphql\n  mutation TendWebPixelCreate($webPixel: WebPixelInput!) {\n    webPixelCreate(webPixel: $webPixel) {\n      webPixel { id settings }\n      userErrors { code field message }\n    }\n  }\n": {return: TendWebPixelCreateMutation, variables: TendWebPixelCreateMutationVariables},
  "#graphql\n  mutation TendWebPixelUpdate($id: ID!, $webPixel: WebPixelInput!) {\n    webPixelUpdate(id: $id, webPixel: $webPixel) {\n      webPixel { id settings }\n      userErrors { code field message }\n    }\n  }\n": {return: TendWebPixelUpdateMutation, variables: TendWebPixelUpdateMutationVariables},
}
declare module '@shopify/admin-api-client' {
  type InputMaybe<T> = AdminTypes.InputMaybe<T>;
  interface AdminQueries extends GeneratedQueryTypes {}
  interface AdminMutations extends GeneratedMutationTypes {}
}
