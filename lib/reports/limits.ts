/** Limits on what a learner types into a report, in a module of their own so a page's form can share them without the store. */

/** The longest name a learner may show with a report. */
export const MAX_LEARNER_NAME = 100;
