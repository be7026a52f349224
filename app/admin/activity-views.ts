// The Activity page's tabs, shared by the loader and the page (no server-only imports).
export const ACTIVITY_VIEWS = ["sent", "scheduled", "unknown", "failed", "all"] as const;
export type ActivityView = (typeof ACTIVITY_VIEWS)[number];
