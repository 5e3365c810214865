/**
 * A piece of markup that lib/charts rendered (escaped there): the same string the server puts in a
 * saved report, so the check page and the report show the same pictures and tables.
 */
export function Html({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
