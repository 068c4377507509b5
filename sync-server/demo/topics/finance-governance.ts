import type { Topic } from '../topic';

/** Money, contracts, premises and the board. */
export const FINANCE_GOVERNANCE_TOPICS: readonly Topic[] = [
  {
    id: 'school-board-budget',
    name: 'Budget review with the school board',
    keywords: ['school board', 'budget', 'governors', 'school partnership', 'underspend'],
    types: [['Meeting', 5], ['Email', 2], ['Call', 1]],
    titles: [
      'Budget review with {board}',
      '{school}: partnership budget for next year',
      'Funding for after-school clubs at {school}',
      'Quarterly spend review with the school governors',
      'School partnership budget: mid-year check'
    ],
    descriptions: [
      'We presented the mid-year figures for the partnership with {school} to {board}.',
      'Spending is on track overall, but the mentoring strand is about {amount} over budget because of extra sessions.',
      'The governors asked whether the after-school clubs could continue if the grant is cut next year.',
      'The head teacher, {contact}, said attendance at the homework club has improved noticeably.',
      'Catering costs for the breakfast club have risen and need their own line in the budget.',
      'The board wants a single report each term instead of separate updates from every project.',
      'We proposed sharing the cost of a family support worker between the school and our service.',
      'There is an underspend on transport because several trips were cancelled in the winter.',
      'The revised budget was approved, subject to a breakdown of staff costs.',
      "Next year's allocation should be around {largeAmount}, but it will not be confirmed until {month}.",
      'Governors want evidence of impact, not just attendance numbers, before committing more money.'
    ],
    notes: [
      'Send the revised budget spreadsheet to the clerk to the governors.',
      'Staff cost breakdown needed by {date}.',
      'Head teacher supportive; business manager more cautious.',
      'Agree a termly report template.',
      'Ask about the rules for carrying the underspend forward.'
    ],
    locations: ['{school}, staff room', '{school}, meeting room', '{venue}'],
    slots: {
      school: ['{district} Primary School', '{district} High School', '{district} Academy', "St Mary's School, {district}"],
      board: [
        'the school board',
        'the board of governors',
        'the school governors',
        'the finance committee of the school board'
      ]
    }
  },
  {
    id: 'supplier-contract-renewal',
    name: 'Supplier contract renewal',
    keywords: ['supplier', 'contract renewal', 'procurement', 'price increase', 'negotiation'],
    types: [['Meeting', 3], ['Email', 3], ['Call', 3]],
    titles: [
      'Contract renewal with {supplier}',
      '{supplier}: price increase and new terms',
      'Supplier review ahead of contract expiry',
      'Renegotiating the {supplier} agreement',
      'Tender or renew? Service contract decision'
    ],
    descriptions: [
      'Our contract with {supplier} expires at the end of {month}, and they have proposed a nine percent price rise.',
      'We compared their proposal with two other quotes; the difference is about {amount} a year.',
      'Service has been reliable, although response times slipped over the summer.',
      'We asked for a two-year term with a break clause after twelve months.',
      "Their account manager, {contact}, agreed to hold last year's rates if we sign before {date}.",
      'The new terms include an automatic renewal clause that we want taken out.',
      'Our procurement policy requires three quotes for a contract of this value.',
      'Payment terms would move from thirty to fourteen days, which affects our cash flow.',
      'We want clearer service levels and a named contact for complaints.',
      'A legal review of the draft flagged an unlimited liability clause on our side.',
      'The finance committee will make the final decision at its next meeting.'
    ],
    notes: [
      'Draft contract saved in the contracts folder.',
      'Remove the auto-renewal clause.',
      'Put the break clause date in the diary.',
      'Alternative quotes attached to the procurement record.',
      'Account manager: {contact}.'
    ],
    locations: ['{venue}', 'Supplier offices, {city}'],
    slots: {
      supplier: [
        'Brightwell Cleaning Services',
        'Northgate Office Supplies',
        'Apex Catering',
        'CityPrint',
        'SecureGuard Facilities',
        'Greenfield Grounds Maintenance',
        'Meridian IT Support'
      ]
    }
  },
  {
    id: 'grant-application',
    name: 'Grant application to a funder',
    keywords: ['grant', 'funding bid', 'funder', 'application', 'charitable trust'],
    types: [['Meeting', 3], ['Email', 3], ['Call', 2], ['Workshop', 1]],
    titles: [
      'Grant application to {funder}',
      'Funding bid for {project}',
      'Feedback call with {funder}',
      'Writing the bid: budget and outcomes',
      'Grant report due to {funder}'
    ],
    descriptions: [
      'We are applying to {funder} for {largeAmount} over three years to support {project}.',
      'The deadline is {date}, so drafting has to start this week.',
      'The funder wants clear outcomes and a theory of change, not just a list of activities.',
      'We agreed who writes each section: need, activities, outcomes, budget and sustainability.',
      '{contact}, the funding officer, said the panel favours projects shaped by people with lived experience.',
      'Letters of support from two partner organisations are still outstanding.',
      'Our overhead rate is higher than the funder normally allows, so it needs justifying.',
      "Feedback on last year's unsuccessful bid said the evaluation plan was weak.",
      'The application passed the first stage and we are invited to submit a full proposal.',
      'The budget includes a part-time coordinator, volunteer expenses and an independent evaluation.',
      'A draft will go to {colleague} for a critical read before submission.'
    ],
    notes: [
      'Deadline {date} at noon.',
      'Chase the letters of support.',
      'Strict word limits – 500 words per section.',
      'Funding officer: {contact}.',
      'Save the final PDF in the grants folder.'
    ],
    locations: ['{venue}'],
    slots: {
      funder: [
        'the {city} Community Foundation',
        'the National Lottery Community Fund',
        'the Hargreaves Charitable Trust',
        "the council's community grants panel",
        'a corporate foundation',
        'the Health Equity Fund'
      ],
      project: [
        'the befriending service',
        'the youth programme',
        'the food bank expansion',
        'the advice line',
        'the newcomer language classes',
        'the patient transport scheme'
      ]
    }
  },
  {
    id: 'fundraising-gala',
    name: 'Fundraising gala dinner',
    keywords: ['fundraising', 'gala dinner', 'charity auction', 'sponsors', 'tickets'],
    types: [['Meeting', 4], ['Call', 2], ['Email', 2], ['Site visit', 1]],
    titles: [
      'Fundraising gala planning meeting',
      'Gala dinner: sponsors and auction prizes',
      'Venue visit for the charity gala',
      'Ticket sales and seating plan for the gala',
      'Gala debrief and thank-yous'
    ],
    descriptions: [
      'This year the fundraising gala will be held at the {galaVenue}, and we are aiming to raise {largeAmount}.',
      'So far {count} tables have been sold, mostly to local businesses.',
      'We still need a headline sponsor; two companies have shown interest.',
      'Auction lots so far include a weekend away, a signed football shirt and a cookery class.',
      'The caterer needs final numbers and dietary requirements by {date}.',
      'Someone we supported has agreed to speak about what the help meant to her, always the most powerful moment of the evening.',
      'The venue quoted {amount} for hire, food and drink, with a discount for charities.',
      'The running order was agreed: welcome, short film, speech, auction, then music.',
      'Volunteers will run the raffle and the cloakroom.',
      'Gift Aid forms must be on every table so that donations can be claimed.',
      '{contact} offered to be the auctioneer again this year.'
    ],
    notes: [
      'Confirm the projector and sound for the film.',
      'Seating plan draft by {date}.',
      'Thank-you letters to sponsors within a week.',
      'Order two more card readers for the auction.',
      'Check the licence for the raffle.'
    ],
    locations: ['{galaVenue}, {city}', '{venue}'],
    slots: {
      galaVenue: ['Town Hall ballroom', 'Grand Hotel', 'Corn Exchange', 'Riverside Pavilion', 'Golf Club function suite']
    }
  },
  {
    id: 'external-audit',
    name: 'Annual financial audit',
    keywords: ['audit', 'auditors', 'annual accounts', 'year-end', 'management letter'],
    types: [['Meeting', 3], ['Email', 3], ['Call', 2]],
    titles: [
      'Year-end audit planning with the auditors',
      'Audit fieldwork: sample testing of expenses',
      'Annual accounts review with the treasurer',
      'Audit findings and management letter',
      'Restricted funds reconciliation for the audit'
    ],
    descriptions: [
      'The auditors set out their plan for the year-end audit; fieldwork starts on {date}.',
      'They will test a sample of {count} expense claims and every payment above {amount}.',
      'Restricted funds must be reconciled to the grant agreements before the auditors arrive.',
      'The treasurer, {contact}, went through the draft accounts line by line.',
      'One grant was received in advance and has to be deferred to next year.',
      'Petty cash records at the outreach site were incomplete, which the auditors noted.',
      'The management letter recommends separating the duties of raising and approving payments.',
      'Audit fees have risen to {amount}, and the finance committee may put the audit out to tender next year.',
      'The accounts must be approved by the board and filed with the regulator by the end of {month}.',
      'The fixed asset register was out of date; two laptops were still listed after being disposed of.',
      "Reserves are below the level in our policy, which has to be explained in the trustees' report."
    ],
    notes: [
      'Send the trial balance to the auditors.',
      'Rewrite the petty cash procedure.',
      'Board approval needed before filing.',
      'Grant deferral journal posted.',
      'Auditors need read-only access to the finance system.'
    ],
    locations: ['{venue}', "Auditors' offices, {city}"],
    slots: {}
  },
  {
    id: 'data-protection-audit',
    name: 'Data protection audit (GDPR)',
    keywords: ['data protection', 'GDPR', 'privacy', 'personal data', 'subject access request'],
    types: [['Meeting', 3], ['Email', 2], ['Workshop', 1], ['Call', 1]],
    titles: [
      'Data protection audit of case records',
      'GDPR compliance review',
      'Subject access request from a former client',
      'Privacy notice and consent forms update',
      'Records retention: what we keep and for how long'
    ],
    descriptions: [
      'We reviewed how personal data is collected, stored and shared across our services.',
      'Old paper case files are still in unlocked cabinets and need to be scanned or destroyed.',
      'Our privacy notice does not mention the new text-message reminders and must be updated.',
      'A former client has made a subject access request, which must be answered within one month.',
      'Spreadsheets with names and addresses were found on a shared drive open to every volunteer.',
      'Photo consent forms were missing for {count} people at recent events, so those photos will not be used.',
      '{contact}, our data protection adviser, recommended keeping case records for six years and no longer.',
      'Volunteers using their own phones to contact clients is a risk that needs a clear policy.',
      'Every new starter will get a short data protection briefing.',
      'Data sharing agreements with partner agencies are out of date or missing altogether.',
      'The audit found no evidence of a breach, but access to the old database is far too broad.'
    ],
    notes: [
      'Subject access request deadline {date}.',
      'Shredding company booked for the archive.',
      'Update the privacy notice on the website.',
      'Restrict shared drive permissions.',
      'Data sharing agreement templates from {contact}.'
    ],
    locations: ['{venue}', 'Records archive, {venue}'],
    slots: {}
  },
  {
    id: 'board-agm',
    name: 'Board of trustees meeting and AGM',
    keywords: ['trustees', 'board meeting', 'AGM', 'governance', 'minutes'],
    types: [['Meeting', 6], ['Email', 2]],
    titles: [
      'Quarterly board of trustees meeting',
      'Annual general meeting',
      'AGM preparation: annual report and elections',
      'Trustee recruitment and skills audit',
      'Governance review with the chair'
    ],
    descriptions: [
      'The board reviewed the quarterly management accounts and the risk register.',
      'Two trustees are stepping down at the AGM, so candidates with finance and legal experience are needed.',
      'The chair, {contact}, proposed a skills audit to show where the board has gaps.',
      'The annual report was approved subject to minor corrections.',
      'Around {count} members attended the AGM and every resolution was passed.',
      'Trustees asked for more information about the waiting lists for our services.',
      'Conflicts of interest were declared and recorded in the minutes.',
      'The board will review the reserves policy at its next meeting.',
      'A new safeguarding trustee will replace the one who left in {month}.',
      'The minutes of the previous meeting were agreed as an accurate record.',
      'The strategy for the next three years will be discussed at an away day.'
    ],
    notes: [
      'Circulate the minutes within two weeks.',
      'Trustee role description needs updating.',
      'Register of interests updated.',
      'Annual report to the printer by {date}.',
      'Quorate – seven trustees present.'
    ],
    locations: ['{venue}', 'Online (Zoom)'],
    slots: {}
  },
  {
    id: 'lease-negotiation',
    name: 'Office premises lease negotiation',
    keywords: ['lease', 'premises', 'rent', 'landlord', 'office move'],
    types: [['Meeting', 3], ['Email', 3], ['Call', 2], ['Site visit', 2]],
    titles: [
      'Lease renewal for our premises in {district}',
      'Viewing new office premises in {district}',
      'Rent review with the landlord',
      'Heads of terms for the new lease',
      'Premises options: stay or move?'
    ],
    descriptions: [
      'Our lease ends next {month}, and the landlord has proposed raising the rent to {amount} a year.',
      'We viewed a ground-floor unit in {district} with step-free access and a small yard for deliveries.',
      'The landlord, {contact}, is open to a longer lease in return for a rent-free period.',
      'Our surveyor advised asking for a break clause at year three and a cap on service charges.',
      'The current building is too small to run the food bank and the advice sessions at the same time.',
      'Moving would cost an estimated {amount} for fit-out, IT and removals.',
      'Service charges have gone up every year without a clear breakdown.',
      'The new unit is close to a bus route, which matters for clients who do not drive.',
      'Dilapidations at the end of the lease could be significant because of the kitchen alterations.',
      'The board must approve any lease longer than five years.',
      'Solicitors will review the heads of terms before anything is signed.'
    ],
    notes: [
      'Surveyor report expected {date}.',
      'Check the dilapidations schedule.',
      'Service charge breakdown requested.',
      'Photograph the current condition before moving out.',
      'Board paper needed for the lease decision.'
    ],
    locations: ['Vacant unit, {district}', '{venue}', "Landlord's agent, {city}"],
    slots: {}
  },
  {
    id: 'insurance-claim',
    name: 'Insurance claim after storm and flood damage',
    keywords: ['insurance claim', 'storm damage', 'flood', 'loss adjuster', 'roof leak'],
    types: [['Call', 3], ['Email', 3], ['Site visit', 2], ['Meeting', 1]],
    titles: [
      'Storm damage insurance claim',
      'Loss adjuster visit to {venue}',
      'Flooded basement: insurance and clean-up',
      'Roof leak after heavy rain',
      'Insurance renewal and claims history'
    ],
    descriptions: [
      'Heavy rain overnight brought water through the roof into the training room.',
      'The basement storeroom flooded, and donated stock worth about {amount} was ruined.',
      'The claim was reported to the insurer the same morning, with photos of the damage.',
      'The loss adjuster, {contact}, assessed the damage and asked for receipts for the damaged equipment.',
      'A roofer made a temporary repair, but several slates are missing and need replacing.',
      'The policy excess is {smallAmount}, and the insurer will not cover wear and tear on the gutters.',
      'Dehumidifiers are running in the affected rooms, and the electrics were checked before use.',
      'Sessions that use the training room have moved elsewhere for the next few weeks.',
      'At renewal the insurer asked about our flood defences because of the recent claim.',
      'The claim has been accepted in principle, with payment once the invoices are in.',
      'Drains at the back of the building were blocked with leaves, which made the flooding worse.'
    ],
    notes: [
      'Claim reference is in the insurance file.',
      'Keep all receipts.',
      'Roofer to return on {date}.',
      'Add gutter cleaning to the maintenance plan.',
      'Photos uploaded to the shared drive.'
    ],
    locations: ['{venue}'],
    slots: {}
  },
  {
    id: 'planning-permission',
    name: 'Planning permission for building works',
    keywords: ['planning permission', 'planning application', 'council planners', 'extension', 'change of use'],
    types: [['Meeting', 3], ['Email', 3], ['Call', 2], ['Site visit', 1]],
    titles: [
      'Planning application for the hall extension',
      'Pre-application advice from the council planners',
      'Change of use application for the old shop',
      'Objections to our planning application',
      'Preparing for the planning committee hearing'
    ],
    descriptions: [
      'We met the council planning officer, {contact}, for pre-application advice on the proposed extension.',
      'The officer thought the design acceptable but asked for a parking and access statement.',
      'A change of use is needed before the former shop can become a community space.',
      'Neighbours have lodged {count} objections, mostly about noise and opening hours.',
      'The architect will revise the drawings to move the entrance away from the houses at the back.',
      'The application fee is {smallAmount}, and a decision is expected within eight weeks.',
      'A ward councillor agreed to speak in support at the planning committee.',
      'Building regulations approval is a separate process that follows planning.',
      'The site is in a conservation area, so materials must match the existing building.',
      'We should hold a drop-in where neighbours can see the plans before the committee date.',
      'The decision was deferred to the committee meeting on {date}.'
    ],
    notes: [
      'Planning portal reference saved.',
      'Architect fees agreed.',
      'Arrange the neighbour drop-in.',
      'Councillor speaking slot confirmed.',
      'Check the conservation area guidance.'
    ],
    locations: ['{city} Civic Centre, planning department', '{venue}', 'Former shop, {district} High Street'],
    slots: {}
  }
];
