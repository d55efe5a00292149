import type { UsState } from '../../coverage/us-states';

/** US cities with a state code, a ZIP code in that city and its county. */
export interface City {
  city: string;
  state: UsState;
  zip: string;
  county: string;
}

const RAW = `Birmingham|AL|35203|Jefferson;Mobile|AL|36602|Mobile;Huntsville|AL|35801|Madison;Anchorage|AK|99501|Anchorage
Phoenix|AZ|85004|Maricopa;Tucson|AZ|85701|Pima;Mesa|AZ|85201|Maricopa;Scottsdale|AZ|85251|Maricopa
Little Rock|AR|72201|Pulaski;Fayetteville|AR|72701|Washington;Los Angeles|CA|90012|Los Angeles;San Diego|CA|92101|San Diego
Sacramento|CA|95814|Sacramento;Fresno|CA|93721|Fresno;San Jose|CA|95113|Santa Clara;Bakersfield|CA|93301|Kern
Denver|CO|80202|Denver;Colorado Springs|CO|80903|El Paso;Fort Collins|CO|80521|Larimer;Hartford|CT|06103|Hartford
New Haven|CT|06510|New Haven;Wilmington|DE|19801|New Castle;Washington|DC|20001|District of Columbia;Jacksonville|FL|32202|Duval
Miami|FL|33130|Miami-Dade;Tampa|FL|33602|Hillsborough;Orlando|FL|32801|Orange;Sarasota|FL|34236|Sarasota
Tallahassee|FL|32301|Leon;Atlanta|GA|30303|Fulton;Savannah|GA|31401|Chatham;Augusta|GA|30901|Richmond
Honolulu|HI|96813|Honolulu;Boise|ID|83702|Ada;Chicago|IL|60602|Cook;Naperville|IL|60540|DuPage
Springfield|IL|62701|Sangamon;Peoria|IL|61602|Peoria;Indianapolis|IN|46204|Marion;Fort Wayne|IN|46802|Allen
Des Moines|IA|50309|Polk;Cedar Rapids|IA|52401|Linn;Wichita|KS|67202|Sedgwick;Overland Park|KS|66212|Johnson
Louisville|KY|40202|Jefferson;Lexington|KY|40507|Fayette;New Orleans|LA|70112|Orleans;Baton Rouge|LA|70802|East Baton Rouge
Portland|ME|04101|Cumberland;Baltimore|MD|21202|Baltimore City;Annapolis|MD|21401|Anne Arundel;Boston|MA|02108|Suffolk
Worcester|MA|01608|Worcester;Detroit|MI|48226|Wayne;Grand Rapids|MI|49503|Kent;Ann Arbor|MI|48104|Washtenaw
Minneapolis|MN|55401|Hennepin;Saint Paul|MN|55102|Ramsey;Jackson|MS|39201|Hinds;Kansas City|MO|64106|Jackson
St. Louis|MO|63101|St. Louis City;Springfield|MO|65806|Greene;Billings|MT|59101|Yellowstone;Omaha|NE|68102|Douglas
Lincoln|NE|68508|Lancaster;Las Vegas|NV|89101|Clark;Reno|NV|89501|Washoe;Manchester|NH|03101|Hillsborough
Newark|NJ|07102|Essex;Jersey City|NJ|07302|Hudson;Albuquerque|NM|87102|Bernalillo;Santa Fe|NM|87501|Santa Fe
New York|NY|10007|New York;Buffalo|NY|14202|Erie;Rochester|NY|14604|Monroe;Albany|NY|12207|Albany
Charlotte|NC|28202|Mecklenburg;Raleigh|NC|27601|Wake;Greensboro|NC|27401|Guilford;Asheville|NC|28801|Buncombe
Fargo|ND|58102|Cass;Columbus|OH|43215|Franklin;Cleveland|OH|44113|Cuyahoga;Cincinnati|OH|45202|Hamilton
Dayton|OH|45402|Montgomery;Oklahoma City|OK|73102|Oklahoma;Tulsa|OK|74103|Tulsa;Portland|OR|97204|Multnomah
Eugene|OR|97401|Lane;Philadelphia|PA|19107|Philadelphia;Pittsburgh|PA|15222|Allegheny;Harrisburg|PA|17101|Dauphin
Providence|RI|02903|Providence;Charleston|SC|29401|Charleston;Columbia|SC|29201|Richland;Sioux Falls|SD|57104|Minnehaha
Nashville|TN|37203|Davidson;Memphis|TN|38103|Shelby;Knoxville|TN|37902|Knox;Chattanooga|TN|37402|Hamilton
Houston|TX|77002|Harris;Dallas|TX|75201|Dallas;Austin|TX|78701|Travis;San Antonio|TX|78205|Bexar
Fort Worth|TX|76102|Tarrant;El Paso|TX|79901|El Paso;Plano|TX|75074|Collin;Lubbock|TX|79401|Lubbock
Salt Lake City|UT|84111|Salt Lake;Provo|UT|84601|Utah;Burlington|VT|05401|Chittenden;Richmond|VA|23219|Richmond City
Virginia Beach|VA|23451|Virginia Beach City;Arlington|VA|22201|Arlington;Seattle|WA|98104|King;Spokane|WA|99201|Spokane
Tacoma|WA|98402|Pierce;Charleston|WV|25301|Kanawha;Milwaukee|WI|53202|Milwaukee;Madison|WI|53703|Dane
Green Bay|WI|54301|Brown;Cheyenne|WY|82001|Laramie;Casper|WY|82601|Natrona;Bend|OR|97701|Deschutes`;

export const CITIES: readonly City[] = RAW.split(/[;\n]/).map((entry) => {
  const [city, state, zip, county] = entry.trim().split('|') as [string, UsState, string, string];
  return { city, state, zip, county: `${county} County` };
});

export const STREET_NAMES = [
  'Main',
  'Oak',
  'Maple',
  'Cedar',
  'Pine',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Walnut',
  'Park',
  'Sunset',
  'Ridge',
  'Willow',
  'Lincoln',
  'Jefferson',
  'Madison',
  'Church',
  'Mill',
  'River',
  'Forest',
  'Highland',
  'Meadow',
  'Spring',
  'Chestnut',
  'Cherry',
  'Jackson',
  'Franklin',
  'Adams',
  'Hickory',
  'Dogwood',
  'Magnolia',
  'Birch',
  'Aspen',
  'Sycamore',
  'Laurel',
  'Prospect',
  'Center',
  'Market',
  'Broad',
  'Union',
  'Liberty',
  'Grove',
  'Valley',
  'Orchard',
  'Harbor',
  'Fairview',
  'Brookside',
  'Woodland',
  'Country Club',
  'Heritage',
  'Summit',
  'Cypress',
  'Juniper',
  'Bluebonnet',
  'Peachtree',
  'Canyon',
  'Mesa',
  'Prairie',
  'Lakeview',
];

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Ct', 'Blvd', 'Way', 'Pl', 'Cir', 'Pkwy', 'Trl'];

export const UNIT_PREFIXES = ['Apt', 'Unit', 'Suite', '#'];
