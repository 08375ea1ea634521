/** Where a place named in text is, when a feed gives only "Lisbon, Portugal". Runtimes provide one or none. */
export interface Geocoder {
  /**
   * `strict`: a country named but not known as one places nothing, rather than the most populous
   * namesake anywhere (a profile's own "Atlantis, Nowhere" must not land in South Africa).
   */
  locate(city: string, country: string | null, options?: { strict?: boolean }): { lat: number; lon: number } | null;
}
