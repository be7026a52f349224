// The template drafter's wording per segment: an opening line, a subject and a preheader that
// speak to the group, so per-segment copy differs visibly without a model. No figures and no
// promises (early access, perks): nothing here may claim what the shop has not said.
import type { SegmentKey } from "../domain/segments";

export interface SegmentWords {
  opener: string;
  subject: (thing: string) => string;
  preheader: string;
}

export const SEGMENT_WORDS: Record<SegmentKey, SegmentWords> = {
  new: {
    opener: "Thanks for giving {{shop_name}} a try.",
    subject: (thing) => `New here? A note about ${thing}`,
    preheader: "A short note for people just getting to know us.",
  },
  returning: {
    opener: "It's good to see you back at {{shop_name}}.",
    subject: (thing) => `Welcome back: ${thing}`,
    preheader: "A note for our regulars, with thanks for coming back.",
  },
  vip: {
    opener: "You're one of our most loyal customers, and we're grateful.",
    subject: (thing) => `For one of our best customers: ${thing}`,
    preheader: "A thank-you note for the customers who keep us going.",
  },
  at_risk: {
    opener: "It's been longer than usual since we last saw you.",
    subject: (thing) => `It's been a while: ${thing}`,
    preheader: "A quick hello, in case it has been on your mind.",
  },
  lapsed: {
    opener: "We've missed you at {{shop_name}}.",
    subject: (thing) => `We've missed you: ${thing}`,
    preheader: "It has been a while, so here is a quick hello.",
  },
};
