/** How a verdict reads on the page. */
export const VERDICT_TEXT: Record<string, string> = { fits: "Fits", "fits-with-tradeoffs": "Fits with trade-offs", "does-not-fit": "Does not fit" };
