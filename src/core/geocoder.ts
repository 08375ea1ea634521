/** Where a place named in text is, when a feed gives only "Lisbon, Portugal". Runtimes provide one or none. */
export interface Geocoder {
  /** Where a named city is; `country` (ISO code) and `population` when the runtime's gazetteer knows them. */
  locate(
    city: string,
    country: string | null,
  ): { lat: number; lon: number; country?: string; population?: number } | null;
}
