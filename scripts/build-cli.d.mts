/** Types for scripts/build-cli.mjs (plain JavaScript, so that lib/cli/bin.mjs runs it without tsx). */
export declare const ROOT: string;
export declare const CLI_ENTRY: string;
export declare const CLI_BUILD_DIR: string;
export declare const CLI_BUNDLE: string;
export declare function bundle(entry: string, outfile: string, options?: { quiet?: boolean }): Promise<string[]>;
export declare function buildCli(options?: { quiet?: boolean }): Promise<void>;
export declare function isCliBuildFresh(): boolean;
