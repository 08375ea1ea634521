/** Where a place named in text is, when a feed gives only "Lisbon, Portugal". Runtimes provide one or none. */
export interface Geocoder {
  /**
   * The city in the named country, else its most populous namesake anywhere (a country it does not know);
   * `country` (ISO code) and `population` when the runtime's gazetteer knows them.
   */
  locate(
    city: string,
    country: string | null,
  ): { lat: number; lon: number; country?: string; population?: number } | null;
  /** Whether `country` names a country it knows, so a caller can say when a city was placed without it. */
  knowsCountry(country: string): boolean;
}
