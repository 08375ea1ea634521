/** Where a place named in text is, when a feed gives only "Lisbon, Portugal". Runtimes provide one or none. */
export interface Geocoder {
  locate(city: string, country: string | null): { lat: number; lon: number } | null;
}
