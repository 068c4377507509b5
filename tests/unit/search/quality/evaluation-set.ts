/**
 * Queries over the demo data (sync-server/demo, seed 1), each with the records that should be found:
 * those written from the named topics (optionally of one type). Four kinds, because each ranking
 * fails differently: exact words, typos, paraphrases sharing no word with the records (checked by
 * the test), and a filter word (an interaction type) mixed with a topic.
 */
export type QueryKind = 'exact' | 'typo' | 'paraphrase' | 'filter-mix';

export interface EvaluationQuery {
  query: string;
  kind: QueryKind;
  /** Demo topic ids (sync-server/demo/topics) whose records are relevant. */
  topics: readonly string[];
  /** Only records of this type are relevant: the query names it. */
  type?: string;
}

const exact = (query: string, ...topics: string[]): EvaluationQuery => ({ query, kind: 'exact', topics });
const typo = (query: string, ...topics: string[]): EvaluationQuery => ({ query, kind: 'typo', topics });
const paraphrase = (query: string, ...topics: string[]): EvaluationQuery => ({ query, kind: 'paraphrase', topics });
const mix = (query: string, type: string, topic: string): EvaluationQuery => ({ query, kind: 'filter-mix', topics: [topic], type });

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

  paraphrase('hunger relief groceries donated to the needy', 'food-bank-logistics'),
  paraphrase('rides for ill folks to see doctors', 'patient-transport'),
  paraphrase('fungus growing on soggy plaster', 'tenant-damp-complaint'),
  paraphrase('companionship for lonely elderly', 'befriending-home-visits'),
  paraphrase('asylum seekers studying a new tongue', 'newcomer-settlement-support'),
  paraphrase('worried a kid is being abused', 'safeguarding-concern'),
  paraphrase('prolonging a vendor deal', 'supplier-contract-renewal'),
  paraphrase('requesting cash from a philanthropic body', 'grant-application'),
  paraphrase('accountants checking the yearly books', 'external-audit'),
  paraphrase('fraudulent message stealing logins', 'phishing-incident'),
  paraphrase('web dead across every computer', 'it-network-outage'),
  paraphrase('busted furnace, shivering indoors', 'heating-repair'),
  paraphrase('employees exhausted and overworked', 'staff-wellbeing'),
  paraphrase('class teaching resuscitation and bandaging', 'first-aid-training'),
  paraphrase('tabloid writer wants a quote', 'press-enquiry'),
  paraphrase('trash pickup', 'waste-recycling'),
  paraphrase('lower kilowatt usage with renewables', 'energy-efficiency'),
  paraphrase('tempest harm compensation', 'insurance-claim'),

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
  mix('email grant', 'Email', 'grant-application')
];
