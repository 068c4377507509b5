import { LEEDS, NAIROBI, TORONTO } from './demo-directory';
import type { GeneratedSlot, Slots } from './template';

/**
 * What makes each site's records sound local: people, neighbourhoods, venues and money. Topics use
 * these through the slots `{contact}`, `{colleague}`, `{city}`, `{district}`, `{venue}`, amounts,
 * `{date}`, `{month}` and `{count}`.
 */
interface SiteVocabulary {
  city: string;
  /** People outside the organisation: residents, partners, officials. */
  contacts: readonly string[];
  /** Staff who lead interactions. */
  staff: readonly string[];
  districts: readonly string[];
  /** Rooms and halls the site meets in. */
  venues: readonly string[];
  currency: { prefix: string; perPound: number };
}

const VOCABULARY: Readonly<Record<string, SiteVocabulary>> = {
  [LEEDS.id]: {
    city: 'Leeds',
    contacts: [
      'Margaret Holroyd', 'Imran Hussain', 'Siobhan Kelly', 'Tom Ackroyd', 'Priya Natarajan',
      'Gareth Lloyd', 'Fatima Begum', 'Chloe Whitaker', 'Daniel Osei', 'Hannah Brierley',
      'Kwame Mensah', 'Joanne Pickles', 'Rachel Goldberg', 'Stuart Fairbairn', 'Aisha Rahman'
    ],
    staff: [
      'Ada Lindqvist', 'Ben Carter', 'Laura Hepworth', 'Samir Qureshi', 'Nicola Dransfield',
      'Owen Jenkins', 'Grace Adeyemi'
    ],
    districts: [
      'Harehills', 'Chapeltown', 'Armley', 'Beeston', 'Seacroft', 'Holbeck', 'Burmantofts',
      'Hunslet', 'Kirkstall', 'Gipton'
    ],
    venues: [
      'Leeds Community Hub, Meeting Room 1',
      'Leeds Community Hub, Room 2.14 (first floor)',
      'Kirkgate Community Centre',
      'Harehills Library, back room',
      "St Aidan's Church Hall, Roundhay Road",
      'Leeds Civic Hall',
      'Armley Leisure Centre, Studio 2'
    ],
    currency: { prefix: '£', perPound: 1 }
  },
  [TORONTO.id]: {
    city: 'Toronto',
    contacts: [
      'Mei-Ling Chow', 'Patrick Gallagher', 'Nadia Haddad', 'Jean-Luc Tremblay', 'Aaliyah Brooks',
      'Ravi Sharma', 'Sofia Petrakis', 'Kevin Nguyen', 'Amara Okonkwo', 'Lucas Ferreira',
      'Hiba Al-Sayed', 'Connor MacLeod', 'Yusuf Abdi', 'Emily Kowalski', 'Tenzin Dorje'
    ],
    staff: [
      'Ada Lindqvist', 'Dev Raman', 'Marisol Vega', 'Jordan Blackwood', 'Farah Siddiqui',
      'Liam Fitzgerald', 'Anika Sorensen'
    ],
    districts: [
      'Scarborough', 'Etobicoke', 'North York', 'Parkdale', 'Regent Park', 'Thorncliffe Park',
      'Flemingdon Park', 'Kensington Market', 'the Danforth', 'Jane and Finch'
    ],
    venues: [
      'Toronto Newcomer Centre, Boardroom',
      'Toronto Newcomer Centre, Classroom B',
      'Thorncliffe Park Public Library',
      'Regent Park Community Centre, Multipurpose Room',
      'Toronto City Hall, Committee Room 3',
      'Scarborough Civic Centre',
      'Danforth Church basement hall'
    ],
    currency: { prefix: 'CA$', perPound: 1.8 }
  },
  [NAIROBI.id]: {
    city: 'Nairobi',
    contacts: [
      'Wanjiku Kamau', 'Otieno Odhiambo', 'Achieng Atieno', 'Mwangi Njoroge', 'Fatuma Hassan',
      'Kiprop Chebet', 'Njeri Wambui', 'Brian Mutua', 'Zawadi Mwakilema', 'Abdi Farah',
      'Grace Nyambura', 'Peter Kariuki', 'Halima Ali', 'Samuel Kiplagat', 'Esther Akinyi'
    ],
    staff: [
      'Eve Wanjiru', 'Dev Raman', 'Joseph Omondi', 'Mercy Chepkoech', 'Daniel Githinji',
      'Lilian Auma', 'Hassan Mohamed'
    ],
    districts: [
      'Kibera', 'Mathare', 'Kawangware', 'Eastleigh', 'Embakasi', 'Kasarani', 'Dagoretti',
      'Kayole', 'Githurai', 'Mukuru'
    ],
    venues: [
      'Nairobi Field Office, Upper Hill – meeting room',
      'Nairobi Field Office, training room',
      'Kibera Community Hall',
      'Mathare Youth Centre',
      'City Hall Annex, Nairobi',
      'Eastleigh Health Centre, conference room',
      'Kenyatta National Hospital, Administration Block'
    ],
    currency: { prefix: 'KES ', perPound: 165 }
  }
};

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December'
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

/** The slots every topic can use, with this site's values. */
export function siteSlots(siteId: string): Slots {
  const vocabulary = VOCABULARY[siteId];
  if (!vocabulary) throw new Error(`Site ${siteId} has no demo vocabulary.`);
  const { prefix, perPound } = vocabulary.currency;
  return {
    city: [vocabulary.city],
    contact: vocabulary.contacts,
    colleague: vocabulary.staff,
    district: vocabulary.districts,
    venue: vocabulary.venues,
    smallAmount: amount(prefix, perPound, 80, 4_000),
    amount: amount(prefix, perPound, 2_000, 60_000),
    largeAmount: amount(prefix, perPound, 40_000, 900_000),
    date: {
      maxLength: 'Wednesday 30 September'.length,
      render: ({ random, start }) => dayName(new Date(start.getTime() + random.int(2, 40) * DAY_MS))
    },
    month: {
      maxLength: 'September'.length,
      render: ({ random, start }) => MONTHS[(start.getUTCMonth() + 12 - random.int(1, 5)) % 12]
    },
    count: { maxLength: 2, render: ({ random }) => String(random.int(3, 60)) }
  };
}

/** The staff names that lead interactions at a site. */
export function siteStaff(siteId: string): readonly string[] {
  return VOCABULARY[siteId].staff;
}

function amount(prefix: string, perPound: number, min: number, max: number): GeneratedSlot {
  return {
    maxLength: prefix.length + formatMoney(max * perPound).length,
    render: ({ random }) => prefix + formatMoney(random.int(min, max) * perPound)
  };
}

// Round to two significant figures: people say "about £12,000", not "£12,347.18".
function formatMoney(value: number): string {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return (Math.round(value / step) * step).toLocaleString('en-GB');
}

function dayName(date: Date): string {
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
}
