/**
 * Names feeds write for places that the GeoNames city list spells otherwise: native names of cities
 * it lists by their English name and the other way round (folded keys, GeoNames spellings as values).
 */
export const CITY_ALIASES: Record<string, string> = {
  lisboa: 'Lisbon',
  munchen: 'Munich',
  muenchen: 'Munich',
  wien: 'Vienna',
  praha: 'Prague',
  warszawa: 'Warsaw',
  roma: 'Rome',
  milano: 'Milan',
  napoli: 'Naples',
  torino: 'Turin',
  firenze: 'Florence',
  venezia: 'Venice',
  bruxelles: 'Brussels',
  brussel: 'Brussels',
  'den haag': 'The Hague',
  cologne: 'Köln',
  koeln: 'Köln',
  nuremberg: 'Nürnberg',
  geneva: 'Genève',
  genf: 'Genève',
  gothenburg: 'Göteborg',
  kobenhavn: 'Copenhagen',
  athina: 'Athens',
  seville: 'Sevilla',
  bucuresti: 'Bucharest',
  beograd: 'Belgrade',
  moskva: 'Moscow',
  cracow: 'Kraków',
  hanover: 'Hannover',
  ghent: 'Gent',
  antwerp: 'Antwerpen',
  kiev: 'Kyiv',
  bangalore: 'Bengaluru',
};

/** Countries by the names their own people write (folded), beyond the English names Intl supplies. */
export const NATIVE_COUNTRY_NAMES: Record<string, string> = {
  'u s a': 'US',
  'u s': 'US',
  'u k': 'GB',
  espana: 'ES',
  osterreich: 'AT',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  italia: 'IT',
  polska: 'PL',
  nederland: 'NL',
  belgie: 'BE',
  belgique: 'BE',
  sverige: 'SE',
  norge: 'NO',
  danmark: 'DK',
  suomi: 'FI',
  cesko: 'CZ',
  turkiye: 'TR',
  magyarorszag: 'HU',
  eire: 'IE',
};

/** US states by code and name: "Portland, OR" and "Austin, Texas" are in the United States. */
export const US_STATES = new Set([
  ...'al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc'.split(
    ' ',
  ),
  ...'alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,vermont,virginia,washington,west virginia,wisconsin,wyoming'.split(
    ',',
  ),
]);
