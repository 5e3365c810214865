/** Words the catalog pages share. */
export const RECORDING_TEXT: Record<"all" | "some" | "none", string> = {
  all: "Every session recorded",
  some: "Some sessions recorded",
  none: "Not recorded: live only",
};
