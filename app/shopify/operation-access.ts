// Which access scopes an Admin GraphQL operation needs, from the schema's per-type and per-field
// access metadata. Pure: the schema and the metadata are passed in.
import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from "graphql";

export interface AccessRule {
  requiredAccess: string;
  offlineScopes: string[];
}

/** One thing an operation touches that needs a scope: any one of `anyOf` grants it. */
export interface ScopeRequirement {
  /** "Customer" (type) or "Mutation.webPixelCreate" (field). */
  subject: string;
  anyOf: string[];
}

const SCOPE_NAME = /\b(?:read|write)_[a-z_]+\b/g;

/**
 * The rules an operation is subject to. Types are checked for every field's parent and named
 * return type; fields for themselves. Shopify lists alternatives in `offlineScopes`; extra
 * conditions ("Also: The app requires read_customer_events access scope") come as prose, so scopes
 * named after "Also:" are added as requirements of their own.
 */
export function scopeRequirements(
  schema: GraphQLSchema,
  access: ReadonlyMap<string, AccessRule>,
  document: DocumentNode,
): ScopeRequirement[] {
  const found = new Map<string, ScopeRequirement>();
  const add = (key: string) => {
    const rule = access.get(key);
    if (!rule) return;
    if (rule.offlineScopes.length) found.set(`${key}|any`, { subject: key, anyOf: [...rule.offlineScopes] });
    const also = rule.requiredAccess.split(/Also:/)[1];
    for (const scope of also?.match(SCOPE_NAME) ?? [])
      found.set(`${key}|${scope}`, { subject: key, anyOf: [scope] });
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        add(parent.name);
        add(`${parent.name}.${field.name}`);
        const returned = getNamedType(field.type);
        if (isObjectType(returned)) add(returned.name);
      },
    }),
  );
  return [...found.values()];
}

/** Shopify grants read_X with write_X. */
export function effectiveScopes(granted: Iterable<string>): Set<string> {
  const all = new Set<string>();
  for (const scope of granted) {
    all.add(scope);
    if (scope.startsWith("write_")) all.add(`read_${scope.slice("write_".length)}`);
  }
  return all;
}

export function unmetRequirements<R extends ScopeRequirement>(
  requirements: R[],
  granted: Iterable<string>,
): R[] {
  const have = effectiveScopes(granted);
  return requirements.filter((r) => !r.anyOf.some((scope) => have.has(scope)));
}

/**
 * A granted scope is used when some requirement names it; a write_X scope also counts when a
 * requirement names read_X and read_X itself is not granted (write_X is what grants it then).
 */
export function usedScopes(requirements: ScopeRequirement[], granted: Iterable<string>): Set<string> {
  const grantedSet = new Set(granted);
  const named = new Set(requirements.flatMap((r) => r.anyOf));
  const used = new Set<string>();
  for (const scope of grantedSet) {
    if (named.has(scope)) used.add(scope);
    const read = scope.startsWith("write_") ? `read_${scope.slice("write_".length)}` : undefined;
    if (read && named.has(read) && !grantedSet.has(read)) used.add(scope);
  }
  return used;
}
