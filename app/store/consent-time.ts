// The time a consent fact counts from. It orders consent updates (store/merge.ts) and decides
// whether an opt-in is newer than an unsubscribe (delivery/unsubscribe.server.ts honourResubscribe).

/**
 * An opt-in (SUBSCRIBED) counts only with its own consent time: a missing one never borrows the
 * record's updated_at, so an undated "subscribed" can neither win over a known consent nor lift
 * an unsubscribe. Any other state may borrow it: erring towards not mailing is the safe side.
 */
export function consentTime(state: string, consentAt: Date | null, recordAt: Date | null): Date | null {
  if (consentAt) return consentAt;
  return state === "SUBSCRIBED" ? null : recordAt;
}
