import type { Topic } from '../topic';

/** Buildings, vehicles, IT and safety. */
export const OPERATIONS_TOPICS: readonly Topic[] = [
  {
    id: 'fire-safety-inspection',
    name: 'Fire safety inspection',
    keywords: ['fire safety', 'fire inspection', 'fire alarm', 'evacuation', 'fire risk assessment'],
    types: [['Site visit', 5], ['Email', 2], ['Meeting', 1], ['Call', 1]],
    titles: [
      'Fire safety inspection at {venue}',
      'Fire risk assessment review',
      'Follow-up on fire inspection findings: {fireIssue}',
      'Fire drill and evacuation debrief',
      'Fire alarm and emergency lighting check'
    ],
    descriptions: [
      '{officer} carried out the annual fire safety inspection and walked through every floor with us.',
      'The main finding was {fireIssue}, which has to be put right before {date}.',
      'The fire risk assessment had not been updated since the ground floor was refurbished.',
      'Two fire doors on the stairwell were propped open with wedges, which was recorded as a serious risk.',
      'The evacuation drill took just over four minutes; the target is three.',
      'Fire marshals need refresher training, and two new marshals must be appointed.',
      'Extinguishers were serviced in {month}, but the labels had not been updated.',
      'The alarm could not be heard clearly in the basement storeroom, so an extra sounder will be fitted.',
      'Donated furniture stored in the corridor adds to the fire load and must be cleared.',
      'A personal emergency evacuation plan is needed for the colleague who uses a wheelchair.',
      'The quote for replacing the emergency lighting came to {amount}.'
    ],
    notes: [
      'Weekly alarm test on Wednesdays at 10am.',
      'Corridor must be clear by {date}.',
      'Fire log book is kept at reception.',
      'Ask facilities for a breakdown of the emergency lighting quote.',
      'Update the fire risk assessment and circulate it to all staff.'
    ],
    locations: ['{venue}'],
    slots: {
      fireIssue: [
        'a blocked fire exit',
        'an out-of-date fire risk assessment',
        'faulty emergency lighting',
        'missing fire door closers',
        'extinguishers past their service date',
        'a fault on the fire alarm panel'
      ],
      officer: [
        'The fire officer',
        'An inspector from the fire and rescue service',
        'Our fire safety consultant',
        "The insurer's surveyor"
      ]
    }
  },
  {
    id: 'it-network-outage',
    name: 'IT network outage',
    keywords: ['network outage', 'internet down', 'Wi-Fi', 'broadband', 'connectivity'],
    types: [['Call', 4], ['Email', 3], ['Meeting', 1], ['Site visit', 1], ['Other', 1]],
    titles: [
      'Network outage at {venue}',
      'Internet down – escalation to {isp}',
      'Wi-Fi problems in the office',
      'Post-incident review: broadband failure',
      'Connectivity issues affecting the phones'
    ],
    descriptions: [
      'Staff reported {symptom} from about nine this morning.',
      'The router was restarted twice without any improvement.',
      'We logged a fault with {isp}, who confirmed a problem on the line outside the building.',
      'Caseworkers could not reach the case-management system for most of the day and took notes on paper.',
      'The outage lasted about six hours; service came back once the engineer replaced a faulty switch.',
      'Card payments in the café failed while the connection was down, so some takings were lost.',
      'We discussed a 4G backup router so that one failed line does not stop the whole office.',
      'The access point in the training room keeps overheating and will be moved.',
      '{contact} at {isp} promised {smallAmount} in compensation for the downtime under the service agreement.',
      'This is the third interruption since {month}, so we have asked for a root-cause report.',
      'Thanks to the offline mode of the app, interactions could still be recorded and were synced later.'
    ],
    notes: [
      'Fault reference logged with {isp}.',
      'Backup router quote requested.',
      'Tell staff to use mobile hotspots if it happens again.',
      'Engineer visit confirmed for {date}, morning slot.',
      'Check whether the service agreement covers weekend faults.'
    ],
    locations: ['{venue}', 'Server cupboard, {venue}'],
    slots: {
      isp: ['the broadband provider', 'our internet service provider', 'the managed IT supplier', 'the fibre installer'],
      symptom: [
        'no internet at all',
        'the Wi-Fi dropping every few minutes',
        'very slow connections in the afternoon',
        'the VPN refusing connections',
        'phones and card machines going offline'
      ]
    }
  },
  {
    id: 'phishing-incident',
    name: 'Phishing email and cyber security incident',
    keywords: ['phishing', 'cyber security', 'compromised account', 'password reset', 'scam email'],
    types: [['Email', 3], ['Call', 2], ['Meeting', 2], ['Workshop', 1]],
    titles: [
      'Phishing email reported by {colleague}',
      'Suspected compromised mailbox',
      'Cyber security incident review',
      'Scam invoice email sent to finance',
      'Security awareness refresher after a phishing attempt'
    ],
    descriptions: [
      '{colleague} reported an email that looked as if it came from our bank, asking for login details.',
      'One staff member clicked the link and typed in their password before realising it was fake.',
      'The account password was reset at once and all active sessions were signed out.',
      'Multi-factor authentication was not switched on for that account; it is now being enabled for everyone.',
      'Before it was blocked, the mailbox had sent {count} similar messages to our contacts.',
      'Finance received an invoice from a look-alike supplier address asking for {amount} to be paid into a new bank account.',
      'We phoned the real supplier, who confirmed their bank details have not changed.',
      'Our IT provider reviewed the sign-in logs and found attempts from overseas addresses.',
      'We considered whether this was a reportable data breach and recorded it in the breach log.',
      'A short session on spotting scam emails will be run for all staff and volunteers.',
      'Suspicious messages should be forwarded to the IT mailbox rather than deleted.'
    ],
    notes: [
      'Breach log updated.',
      'Multi-factor authentication for everyone by {date}.',
      'Warn partner organisations about the spoofed messages.',
      'Never change bank details on the strength of an email alone.',
      'IT provider to send a written incident summary.'
    ],
    locations: ['{venue}'],
    slots: {}
  },
  {
    id: 'case-system-rollout',
    name: 'Rollout of new case management software',
    keywords: ['software rollout', 'case management system', 'CRM', 'data migration', 'staff training'],
    types: [['Workshop', 3], ['Meeting', 3], ['Email', 1], ['Call', 1]],
    titles: [
      'Rollout plan for {system}',
      'Staff training on {system}',
      'Data migration to the new CRM',
      'Laptop replacement and software set-up',
      'Go-live readiness check'
    ],
    descriptions: [
      'We reviewed the rollout plan for {system}; go-live is planned for {date}.',
      'Old records will be migrated in two batches, and duplicate contacts have to be merged first.',
      'Staff asked for hands-on training rather than a video, plus a printed quick-reference sheet.',
      'The supplier demonstrated the reporting dashboard, which should save hours at quarter end.',
      'Some volunteers are nervous about the change and would like a named person to ask for help.',
      'Licences cost about {amount} a year, a little more than budgeted.',
      'Twelve old laptops will be replaced because they cannot run the new software.',
      'Test accounts were set up for {count} users so they can practise before the switch.',
      'The old system stays read-only for six months in case something was missed in the migration.',
      '{contact} from the supplier confirmed that data is hosted in the region and encrypted at rest.',
      'Offline access was a must-have, because outreach workers often have no signal.'
    ],
    notes: [
      'Two training slots a week until go-live.',
      'Data cleansing owner: {colleague}.',
      'Ask the supplier about single sign-on.',
      'Keep the old system read-only until the audit is done.',
      'Laptop delivery expected {date}.'
    ],
    locations: ['{venue}'],
    slots: {
      system: [
        'the new case management system',
        'the new CRM',
        'the volunteer rota app',
        'the shared document system',
        'the new finance software'
      ]
    }
  },
  {
    id: 'heating-repair',
    name: 'Building maintenance: heating and boiler repair',
    keywords: ['boiler', 'heating', 'building maintenance', 'repair', 'radiators'],
    types: [['Call', 3], ['Site visit', 3], ['Email', 2], ['Meeting', 1]],
    titles: [
      'Boiler breakdown at {venue}',
      'No heating in the building – repair request',
      'Maintenance visit: heating and radiators',
      'Quote for replacing the boiler',
      'Leaking radiator and water damage'
    ],
    descriptions: [
      'The boiler failed on Monday and the building has had no heating or hot water since.',
      '{contractor} came out and found a faulty pump and a pressure problem.',
      'Radiators on the top floor stay cold even when the system is running.',
      'Staff have been working in coats, and the drop-in had to move to a warmer room.',
      'A replacement part has been ordered but will not arrive until {date}.',
      'Temporary electric heaters were brought in, with a reminder about the fire risk.',
      'The boiler is over twenty years old, and the engineer recommended replacing it rather than patching it again.',
      'The quote for a new condensing boiler is {amount}, including removal of the old one.',
      'A radiator valve in the kitchen was leaking and has stained the ceiling of the room below.',
      'We asked the landlord to confirm who pays, as the lease is unclear about replacing plant.',
      'The annual gas safety check is due in {month} and can be done on the same visit.'
    ],
    notes: [
      "Engineer's mobile number is at reception.",
      'Heaters must be switched off at night.',
      'Check the lease clause on plant replacement.',
      'Three quotes are needed for a job this size.',
      'Gas safety certificate due.'
    ],
    locations: ['{venue}', 'Boiler room, {venue}'],
    slots: {
      contractor: ['The heating engineer', 'Our maintenance contractor', 'A local plumbing firm', "The landlord's facilities team"]
    }
  },
  {
    id: 'energy-efficiency',
    name: 'Energy efficiency and solar panels',
    keywords: ['energy audit', 'solar panels', 'insulation', 'carbon footprint', 'energy bills'],
    types: [['Meeting', 3], ['Site visit', 2], ['Call', 1], ['Email', 1], ['Workshop', 1]],
    titles: [
      'Energy audit of {venue}',
      'Solar panel installation proposal',
      'Cutting our energy bills: options review',
      'Insulation and LED lighting upgrade',
      'Net zero working group'
    ],
    descriptions: [
      'An energy assessor walked the building and looked at heating, lighting and insulation.',
      'Our electricity bill has nearly doubled in two years and now comes to about {amount} a year.',
      'The roof faces south and is suitable for solar panels, subject to a structural survey.',
      'Replacing the remaining fluorescent tubes with LEDs would pay for itself in under three years.',
      'Loft insulation is thin, and the single-glazed windows in the hall lose a lot of heat.',
      '{contact} from the {city} climate fund explained that community buildings can get up to {largeAmount} towards retrofit work.',
      'The working group agreed to measure our carbon footprint before setting a net zero target.',
      'The heating controls run the system at weekends when the building is empty.',
      'A heat pump was discussed but would need bigger radiators throughout.',
      'Smart meters have been fitted, so half-hourly consumption can now be tracked.',
      'Volunteers offered to run draught-proofing sessions for local households too.'
    ],
    notes: [
      'Structural survey before committing to solar.',
      'Heating schedule changed – check again in a month.',
      'Grant deadline: {date}.',
      'Ask {contact} for the retrofit grant guidance.',
      'Log meter readings weekly.'
    ],
    locations: ['{venue}', 'Roof and plant room, {venue}'],
    slots: {}
  },
  {
    id: 'vehicle-fleet',
    name: 'Van and minibus fleet: leasing and replacement',
    keywords: ['van lease', 'vehicles', 'fleet', 'electric van', 'minibus'],
    types: [['Meeting', 3], ['Call', 2], ['Email', 2], ['Site visit', 1]],
    titles: [
      'Van lease renewal',
      'Replacing the delivery van: options',
      'Electric vehicle trial for outreach work',
      'Fleet insurance and maintenance review',
      'Minibus purchase for the transport scheme'
    ],
    descriptions: [
      'The lease on our two delivery vans ends in {month}, and we need to decide whether to renew or buy.',
      'Three dealers were asked for quotes; the cheapest lease comes to {amount} over four years.',
      'An electric van would cut fuel costs, but charging at the depot needs a new electricity supply.',
      'The minibus failed its inspection because of worn brakes and corrosion.',
      'Drivers say the tail lift on the larger van is unreliable.',
      "Fleet insurance went up by a third after last year's two minor accidents.",
      'Vehicle checks will be logged on a simple form before every journey.',
      '{contact} from the leasing company offered a six-month trial of an electric van at a reduced rate.',
      'Range is a concern for the longer hospital runs, especially in winter.',
      'Procurement rules require a formal tender for anything above {largeAmount}.',
      'Mileage records are incomplete, which makes running costs hard to compare.'
    ],
    notes: [
      'Send the quotes to the finance committee.',
      'Print the vehicle check form for each glove box.',
      'Ask about grants for charging points.',
      'Vehicle inspection due {date}.',
      'Tail lift repair booked.'
    ],
    locations: ['Depot yard, {district}', '{venue}', 'Vehicle dealership, {district}'],
    slots: {}
  },
  {
    id: 'accident-incident',
    name: 'Health and safety incident report',
    keywords: ['accident', 'injury', 'health and safety', 'incident report', 'risk assessment'],
    types: [['Meeting', 2], ['Site visit', 2], ['Email', 2], ['Call', 2], ['Other', 1]],
    titles: [
      'Accident report: volunteer injured at {venue}',
      'Slip on a wet floor – incident review',
      'Near miss in the warehouse',
      'Health and safety walk-round',
      'Manual handling injury follow-up'
    ],
    descriptions: [
      'A volunteer slipped on a wet floor near the kitchen and hurt their wrist.',
      'First aid was given on site and the volunteer went to hospital as a precaution; nothing was broken.',
      'There was no warning sign out, even though the floor had just been mopped.',
      'A stack of crates fell from a shelf in the storeroom, narrowly missing a member of staff.',
      'The accident book was completed and the incident reported to the health and safety lead.',
      'We reviewed the risk assessment for the packing area and added a limit on stacking height.',
      'A staff member strained their back lifting boxes alone; manual handling training is overdue.',
      'The incident is not reportable to the regulator, as the person was off work for less than a week.',
      'Lighting on the back stairs is poor, which has been raised before.',
      '{colleague} will check on the volunteer and update the record by {date}.',
      'The walk-round found trailing cables in the training room and a fire exit partly blocked by chairs.'
    ],
    notes: [
      'Accident book entry completed.',
      'Insurer informed as a precaution.',
      'Buy more wet-floor signs.',
      'Book manual handling training for the packing team.',
      'Volunteer is recovering well.'
    ],
    locations: ['{venue}', 'Storeroom, {venue}', 'Food bank warehouse, {district}'],
    slots: {}
  },
  {
    id: 'waste-recycling',
    name: 'Waste collection and recycling',
    keywords: ['waste', 'recycling', 'bins', 'collection contract', 'food waste'],
    types: [['Call', 3], ['Email', 3], ['Meeting', 2], ['Site visit', 1]],
    titles: [
      'Waste collection contract renewal',
      'Missed bin collections at {venue}',
      'Recycling and food waste set-up',
      'Sending less to landfill: options',
      'Bulky waste removal after the clear-out'
    ],
    descriptions: [
      'Our commercial waste contract ends in {month} and the price has gone up.',
      'The bins were missed three weeks running and the yard is overflowing.',
      'The contractor says the lorry could not get in because of parked cars.',
      'We want separate food waste collections for the kitchen and the food bank.',
      'Cardboard from deliveries makes up most of our rubbish and could be baled and recycled.',
      '{contact} from the waste company quoted {smallAmount} a month for general waste and recycling together.',
      'Staff are unsure what goes in which bin, so new labels with pictures will be put up.',
      'Out-of-date food that cannot be donated could go to a local composting scheme instead of landfill.',
      'After the storeroom clear-out we need a one-off collection of old furniture and electrical items.',
      'Electrical items must go to a licensed recycler, with a waste transfer note for our records.',
      'Rats have been seen near the bins, so pest control has been called.'
    ],
    notes: [
      'Waste transfer notes filed with facilities.',
      "Ask the council about the commercial food waste scheme.",
      'Pest control visit booked.',
      'Keep the yard gate clear on collection days.',
      'Compare quotes before {date}.'
    ],
    locations: ['{venue}', 'Yard and bin store, {venue}'],
    slots: {}
  }
];
