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

interface GeneratedQueryTypes {
  "#graphql\n  query TendAbandonmentByAbandonedCheckoutId($abandonedCheckoutId: ID!) {\n    abandonmentByAbandonedCheckoutId(abandonedCheckoutId: $abandonedCheckoutId) {\n      id\n      emailState\n    }\n  }\n": {return: TendAbandonmentByAbandonedCheckoutIdQuery, variables: TendAbandonmentByAbandonedCheckoutIdQueryVariables},
  "#graphql\n  query TendWebPixelCurrent {\n    webPixel { id settings }\n  }\n": {return: TendWebPixelCurrentQuery, variables: TendWebPixelCurrentQueryVariables},
}

interface GeneratedMutationTypes {
  "#graphql\n  mutation TendAbandonmentUpdateActivitiesDeliveryStatuses(\n    $abandonmentId: ID!\n    $marketingActivityId: ID!\n    $deliveryStatus: AbandonmentDeliveryState!\n    $deliveredAt: DateTime\n    $deliveryStatusChangeReason: String\n  ) {\n    abandonmentUpdateActivitiesDeliveryStatuses(\n      abandonmentId: $abandonmentId\n      marketingActivityId: $marketingActivityId\n      deliveryStatus: $deliveryStatus\n      deliveredAt: $deliveredAt\n      deliveryStatusChangeReason: $deliveryStatusChangeReason\n    ) {\n      userErrors {\n        field\n        code\n        message\n      }\n    }\n  }\n": {return: TendAbandonmentUpdateActivitiesDeliveryStatusesMutation, variables: TendAbandonmentUpdateActivitiesDeliveryStatusesMutationVariables},
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
