/** Only http(s) links reach a page, a calendar or a feed: `javascript:` or `data:` from a feed could run there. */
export function webUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}
