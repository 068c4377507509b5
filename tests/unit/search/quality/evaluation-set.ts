/**
 * Queries over the demo data (sync-server/demo, seed 1), each with the records that should be found,
 * judged from the records themselves: those written from the named topics, led by the named person,
 * of the named type, or held at the named place. The kinds are what people type, because each
 * ranking fails differently on them: exact words, typos (short and long words), two letters swapped
 * (the commonest typo, in short words and long), a person and a
 * subject, a place and a kind of meeting, questions, paraphrases sharing no word with their records
 * (checked by the test), a type word mixed with a subject, and subjects no record is about.
 */
export type QueryKind =
  | 'exact'
  | 'typo'
  | 'long-typo'
  | 'transposition'
  | 'name-topic'
  | 'place-type'
  | 'question'
  | 'short-paraphrase'
  | 'long-paraphrase'
  | 'filter-mix'
  | 'no-answer';

export const QUERY_KINDS: readonly QueryKind[] = [
  'exact',
  'typo',
  'long-typo',
  'transposition',
  'name-topic',
  'place-type',
  'question',
  'short-paraphrase',
  'long-paraphrase',
  'filter-mix',
  'no-answer'
];

/** What makes a record relevant: every criterion given must hold. */
export interface Relevance {
  /** Demo topic ids (sync-server/demo/topics) the record was written from. */
  topics?: readonly string[];
  type?: string;
  /** The record's lead, in full. */
  lead?: string;
  /** Part of the record's location. */
  place?: string;
}

export interface EvaluationQuery {
  query: string;
  kind: QueryKind;
  /** Null for a subject no record is about: the right answer is an empty list. */
  relevant: Relevance | null;
}

const about = (kind: QueryKind) => (query: string, ...topics: string[]): EvaluationQuery => ({ query, kind, relevant: { topics } });
const exact = about('exact');
const typo = about('typo');
const longTypo = about('long-typo');
const transposition = about('transposition');
const question = about('question');
const shortParaphrase = about('short-paraphrase');
const longParaphrase = about('long-paraphrase');
const mix = (query: string, type: string, topic: string): EvaluationQuery => ({ query, kind: 'filter-mix', relevant: { topics: [topic], type } });
const nameTopic = (query: string, lead: string, topic: string): EvaluationQuery => ({ query, kind: 'name-topic', relevant: { topics: [topic], lead } });
const placeType = (query: string, place: string, type: string): EvaluationQuery => ({ query, kind: 'place-type', relevant: { place, type } });
const noAnswer = (query: string): EvaluationQuery => ({ query, kind: 'no-answer', relevant: null });

export const EVALUATION_SET: readonly EvaluationQuery[] = [
  exact('food parcels', 'food-bank-logistics'),
  exact('dialysis', 'patient-transport'),
  exact('condensation', 'tenant-damp-complaint'),
  exact('befriending', 'befriending-home-visits'),
  exact('underspend', 'school-board-budget'),
  exact('procurement', 'supplier-contract-renewal'),
  exact('gala dinner', 'fundraising-gala'),
  exact('management letter', 'external-audit'),
  exact('GDPR', 'data-protection-audit'),
  exact('AGM trustees', 'board-agm'),
  exact('loss adjuster', 'insurance-claim'),
  exact('planning permission', 'planning-permission'),
  exact('broadband', 'it-network-outage'),
  exact('solar panels', 'energy-efficiency'),
  exact('defibrillator', 'first-aid-training'),
  exact('journalist', 'press-enquiry'),
  exact('hearing loop', 'accessibility-review'),
  exact('shortlist', 'recruitment-interviews'),

  typo('boilr repair', 'heating-repair'),
  typo('phishng email', 'phishing-incident'),
  typo('fudraising gala', 'fundraising-gala'),
  typo('insurence claim', 'insurance-claim'),
  typo('recrutment interviews', 'recruitment-interviews'),
  typo('acessibility review', 'accessibility-review'),
  typo('safegaurding referral', 'safeguarding-concern'),
  typo('consultaton residents', 'community-consultation'),
  typo('refugess language classes', 'newcomer-settlement-support'),
  typo('auditers annual acounts', 'external-audit'),
  typo('minibuss fleet', 'vehicle-fleet'),
  typo('recyling bins', 'waste-recycling'),
  typo('volunter induction', 'volunteer-onboarding'),
  typo('univercity research', 'university-partnership'),

  longTypo('defibrilator', 'first-aid-training'),
  longTypo('condensaton', 'tenant-damp-complaint'),
  longTypo('sponsorhip', 'corporate-sponsorship'),
  longTypo('resettelment', 'newcomer-settlement-support'),
  longTypo('evacuaton drill', 'fire-safety-inspection'),
  longTypo('insulaton', 'energy-efficiency'),
  longTypo('extinguishrs', 'fire-safety-inspection'),
  longTypo('registratons', 'youth-summer-programme'),
  longTypo('ambulence', 'patient-transport'),
  longTypo('governence', 'board-agm'),
  longTypo('dehumidifer', 'tenant-damp-complaint', 'insurance-claim'),
  longTypo('renegotiatng', 'supplier-contract-renewal'),

  transposition('bolier', 'heating-repair'),
  transposition('pirvacy', 'data-protection-audit'),
  transposition('folod damage', 'insurance-claim'),
  transposition('mintues trustees', 'board-agm'),
  transposition('hosptial appointments', 'patient-transport'),
  transposition('wellbieng', 'staff-wellbeing'),
  transposition('raido interview', 'press-enquiry'),
  transposition('garnt application', 'grant-application'),
  transposition('phihsing', 'phishing-incident'),
  transposition('teenagres', 'youth-summer-programme'),
  transposition('insurnace', 'insurance-claim'),
  transposition('wheelchiar', 'patient-transport', 'accessibility-review'),
  transposition('jounralist', 'press-enquiry'),
  transposition('dialyiss', 'patient-transport'),
  transposition('moudl', 'tenant-damp-complaint'),
  transposition('bugdet', 'school-board-budget'),

  nameTopic('Ada Lindqvist damp', 'Ada Lindqvist', 'tenant-damp-complaint'),
  nameTopic('Ben Carter grant', 'Ben Carter', 'grant-application'),
  nameTopic('Ben Carter accident', 'Ben Carter', 'accident-incident'),
  nameTopic('Dev Raman resettlement', 'Dev Raman', 'newcomer-settlement-support'),
  nameTopic('Ada sponsors', 'Ada Lindqvist', 'corporate-sponsorship'),
  nameTopic('Dev Raman lease', 'Dev Raman', 'lease-negotiation'),
  nameTopic('Ben consultation', 'Ben Carter', 'community-consultation'),
  nameTopic('Dev befriending', 'Dev Raman', 'befriending-home-visits'),
  nameTopic('Ada Lindqvist fleet', 'Ada Lindqvist', 'vehicle-fleet'),
  nameTopic('Nicola Dransfield refugees', 'Nicola Dransfield', 'newcomer-settlement-support'),
  nameTopic('Grace Adeyemi patient transport', 'Grace Adeyemi', 'patient-transport'),
  nameTopic('Ben Carter fire safety', 'Ben Carter', 'fire-safety-inspection'),
  nameTopic('Samir Qureshi press', 'Samir Qureshi', 'press-enquiry'),
  nameTopic('Laura Hepworth university', 'Laura Hepworth', 'university-partnership'),

  placeType('meeting at Leeds Civic Hall', 'Leeds Civic Hall', 'Meeting'),
  placeType('zoom workshop', 'Zoom', 'Workshop'),
  placeType('call on teams', 'Microsoft Teams', 'Call'),
  placeType('Armley Leisure Centre meeting', 'Armley Leisure Centre', 'Meeting'),
  placeType('site visit Kirkgate Community Centre', 'Kirkgate Community Centre', 'Site visit'),
  placeType('Scarborough Civic Centre site visit', 'Scarborough Civic Centre', 'Site visit'),
  placeType('City Hall Annex meeting', 'City Hall Annex', 'Meeting'),
  placeType('Toronto City Hall meeting', 'Toronto City Hall', 'Meeting'),
  placeType('Toronto Newcomer Centre site visit', 'Toronto Newcomer Centre', 'Site visit'),
  placeType('whatsapp call', 'WhatsApp', 'Call'),
  placeType('google meet meeting', 'Google Meet', 'Meeting'),
  placeType("site visit at a client's home", "Client's home", 'Site visit'),
  placeType('meeting in the botanical gardens', 'botanical gardens', 'Meeting'),
  placeType('Leeds Community Hub meeting', 'Leeds Community Hub', 'Meeting'),

  question('when did we last meet the fire officer', 'fire-safety-inspection'),
  question('who handled the boiler breakdown', 'heating-repair'),
  question('did anyone report a phishing email', 'phishing-incident'),
  question('what did the auditors say about the accounts', 'external-audit'),
  question('how are gala ticket sales going', 'fundraising-gala'),
  question('when is the lease up for renewal', 'lease-negotiation'),
  question('has the council decided on our planning application', 'planning-permission'),
  question('who runs the volunteer induction', 'volunteer-onboarding'),
  question('what happened with the mould in the tenant flat', 'tenant-damp-complaint'),
  question('how many children signed up for the holiday club', 'youth-summer-programme'),
  question('why did the internet go down', 'it-network-outage'),
  question('who spoke to the journalist', 'press-enquiry'),

  shortParaphrase('trash pickup', 'waste-recycling'),
  shortParaphrase('hacked inbox', 'phishing-incident'),
  shortParaphrase('lonely pensioners', 'befriending-home-visits'),
  shortParaphrase('kids camp', 'youth-summer-programme'),
  shortParaphrase('benefit dance', 'fundraising-gala'),
  shortParaphrase('renting offices', 'lease-negotiation'),
  shortParaphrase('stolen passwords', 'phishing-incident'),
  shortParaphrase('soggy plaster', 'tenant-damp-complaint'),
  shortParaphrase('columnist query', 'press-enquiry'),
  shortParaphrase('frozen offices', 'heating-repair'),

  longParaphrase('hunger relief groceries donated to the needy', 'food-bank-logistics'),
  longParaphrase('rides for ill folks to see doctors', 'patient-transport'),
  longParaphrase('fungus growing on soggy plaster', 'tenant-damp-complaint'),
  longParaphrase('companionship for lonely elderly', 'befriending-home-visits'),
  longParaphrase('asylum seekers studying a new tongue', 'newcomer-settlement-support'),
  longParaphrase('worried a kid is being abused', 'safeguarding-concern'),
  longParaphrase('prolonging a vendor deal', 'supplier-contract-renewal'),
  longParaphrase('requesting cash from a philanthropic body', 'grant-application'),
  longParaphrase('accountants checking the yearly books', 'external-audit'),
  longParaphrase('fraudulent message stealing logins', 'phishing-incident'),
  longParaphrase('web dead across every computer', 'it-network-outage'),
  longParaphrase('busted furnace, shivering indoors', 'heating-repair'),
  longParaphrase('employees exhausted and overworked', 'staff-wellbeing'),
  longParaphrase('class teaching resuscitation and bandaging', 'first-aid-training'),
  longParaphrase('tabloid writer wants a quote', 'press-enquiry'),
  longParaphrase('lower kilowatt usage with renewables', 'energy-efficiency'),
  longParaphrase('tempest harm compensation', 'insurance-claim'),

  mix('site visit damp', 'Site visit', 'tenant-damp-complaint'),
  mix('call patient transport', 'Call', 'patient-transport'),
  mix('workshop first aid', 'Workshop', 'first-aid-training'),
  mix('email supplier contract', 'Email', 'supplier-contract-renewal'),
  mix('meeting school budget', 'Meeting', 'school-board-budget'),
  mix('site visit fire alarm', 'Site visit', 'fire-safety-inspection'),
  mix('call network outage', 'Call', 'it-network-outage'),
  mix('workshop volunteers', 'Workshop', 'volunteer-onboarding'),
  mix('email phishing', 'Email', 'phishing-incident'),
  mix('meeting trustees', 'Meeting', 'board-agm'),
  mix('call journalist', 'Call', 'press-enquiry'),
  mix('site visit boiler', 'Site visit', 'heating-repair'),
  mix('workshop consultation', 'Workshop', 'community-consultation'),
  mix('email grant', 'Email', 'grant-application'),

  noAnswer('dog grooming appointment'),
  noAnswer('wedding photographer'),
  noAnswer('piano tuning'),
  noAnswer('cryptocurrency investment advice'),
  noAnswer('snow plough contract'),
  noAnswer('horse riding lessons'),
  noAnswer('satellite launch schedule'),
  noAnswer('sushi restaurant review'),
  noAnswer('chess tournament results'),
  noAnswer('knitting circle'),
  noAnswer('telescope for stargazing'),
  noAnswer('tattoo parlour')
];
