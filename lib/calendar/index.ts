/** The calendar model every source produces: events and their values, and the issues found reading them. */
export * from "./event";
export * from "./issue";
