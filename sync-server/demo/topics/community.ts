import type { Topic } from '../topic';

/** Front-line services: food, housing, care, young people, newcomers, safeguarding. */
export const COMMUNITY_TOPICS: readonly Topic[] = [
  {
    id: 'food-bank-logistics',
    name: 'Food bank logistics',
    keywords: ['food bank', 'food parcels', 'deliveries', 'stock', 'warehouse'],
    types: [['Meeting', 3], ['Call', 3], ['Site visit', 2], ['Email', 2], ['Other', 1]],
    titles: [
      'Food bank delivery schedule for {district}',
      'Food parcel distribution – {district} pantry',
      'Stock shortage: {item}',
      'Warehouse rota and collection times with {foodPartner}',
      'Emergency food supplies for families in {district}',
      'Weekly surplus collection from {foodPartner}'
    ],
    descriptions: [
      'We went through the delivery schedule for the {district} distribution point and agreed to move collections to early morning.',
      'Stock of {item} has run low for the third week running, while referrals are up by {count} households.',
      '{foodPartner} can increase their weekly donation if we collect on Tuesdays before 9am.',
      'The chiller in the storeroom is struggling, so fresh produce has to go out on the day it arrives.',
      'Volunteers noticed parcels being packed without checking use-by dates, so a refresher on stock rotation was agreed.',
      'Demand for emergency food has grown since the cost-of-living payments ended; the pantry now feeds around {count} families a week.',
      'A second driver is needed on Thursdays because the usual one is away until {date}.',
      'We agreed a simple spreadsheet to track what comes in and what goes out, so donors can see where their food goes.',
      'Halal and vegetarian options are still scarce; {contact} offered an introduction to a mosque that runs a collection.',
      'Parking outside the pantry is a problem on distribution days, and the council has been asked about a loading bay.',
      'Referral agencies will be told that every parcel now includes a leaflet on help with energy bills.'
    ],
    notes: [
      'Check the chiller temperature log every morning.',
      '{foodPartner} contact: {contact}.',
      'Order more crates before the Christmas rush.',
      'Two more volunteers needed for Saturday packing.',
      'Donation receipts to finance by the end of the month.',
      'Keep an eye on the {item} supply.'
    ],
    locations: ['Food bank warehouse, Unit 4, {district} Trading Estate', '{district} pantry', '{venue}'],
    slots: {
      foodPartner: ['FareShare', 'the supermarket surplus scheme', 'Harvest Share', 'a local wholesaler', 'the Co-op depot'],
      item: ['tinned tomatoes', 'UHT milk', 'nappies', 'rice and pasta', 'sanitary products', 'baby formula', 'fresh vegetables']
    }
  },
  {
    id: 'patient-transport',
    name: 'Patient transport to hospital appointments',
    keywords: ['patient transport', 'hospital appointments', 'volunteer drivers', 'wheelchair', 'dialysis'],
    types: [['Call', 4], ['Meeting', 2], ['Email', 2], ['Site visit', 1], ['Other', 1]],
    titles: [
      'Patient transport bookings for {hospital}',
      'Transport for {patientGroup} – weekly review',
      'Missed hospital pick-up in {district}',
      'Volunteer driver scheme: mileage and scheduling',
      'Wheelchair-accessible vehicle for appointments',
      'Non-emergency ambulance alternative: pilot review'
    ],
    descriptions: [
      'We reviewed the bookings for {patientGroup} travelling to {hospital}; demand is higher than the drivers can cover.',
      'A patient in {district} was not collected for an appointment last week, and the family rang to complain.',
      'The dispatcher double-booked the accessible minibus, which left two people waiting for over an hour.',
      'Bookings must now be confirmed by phone the day before, not only by text message.',
      'Volunteer drivers asked for their mileage rate to be reviewed because fuel has become so expensive.',
      '{contact} from {hospital} suggested clustering appointments on the same mornings so that one trip can carry several people.',
      'Several patients need an escort as well as a driver, which doubles the time each journey takes.',
      'The ramp on the accessible vehicle is due for its safety check before {date}.',
      'Return journeys are the hardest to plan because clinics so often run late.',
      'A shared booking calendar with the hospital discharge team will be trialled for a month.',
      'Around {count} journeys were completed last month, most of them for repeat treatment.'
    ],
    notes: [
      'Driver background checks up to date – confirm with HR.',
      'Ask {hospital} for a named contact in the transport office.',
      'Family asked for a call back after 5pm.',
      'Log every missed pick-up as an incident.',
      'Mileage claims outstanding: {smallAmount}.'
    ],
    locations: ['Main entrance of {hospital}', 'Transport desk, {venue}', '{venue}'],
    slots: {
      hospital: ['the general hospital', 'the renal unit', 'the eye clinic', 'the outpatients department', 'the maternity wing'],
      patientGroup: [
        'dialysis patients',
        'wheelchair users',
        'older patients living alone',
        'expectant mothers',
        'patients recovering from surgery'
      ]
    }
  },
  {
    id: 'tenant-damp-complaint',
    name: 'Tenant complaint about damp and mould',
    keywords: ['damp', 'mould', 'condensation', 'housing disrepair', 'landlord'],
    types: [['Site visit', 4], ['Call', 3], ['Email', 2], ['Meeting', 1]],
    titles: [
      'Damp complaint at {address}',
      'Tenant reports {damp} in the {room}',
      'Follow-up on mould case – {contact}',
      'Housing disrepair: damp and condensation',
      'Inspection of a damp flat in {district}'
    ],
    descriptions: [
      '{contact} reported {damp} in the {room} at {address}, which has been getting worse since {month}.',
      'The tenant says the {damp} keeps coming back however often the walls are cleaned.',
      'Black spots are visible around the window frames and behind the wardrobe, and the wallpaper is peeling.',
      'One of the children has asthma, and the GP has written a letter linking it to the living conditions.',
      'Moisture readings taken on the outside wall were well above normal.',
      'The bathroom extractor fan does not work, which may explain much of the condensation.',
      'We agreed to write formally to {landlord} asking for a survey and a repair date.',
      'A dehumidifier was offered as a stop-gap while the cause is investigated.',
      'According to the tenant, repairs were requested months ago and nothing happened.',
      'The flat smells musty, and clothes kept in the wardrobe have gone mouldy.',
      'If {landlord} does not respond within fourteen days, the case will go to environmental health.'
    ],
    notes: [
      'Photos of the affected walls saved to the case folder.',
      'Chase {landlord} if there is no reply by {date}.',
      'Tenant prefers text messages after 4pm.',
      'Could be rising damp rather than condensation – needs a specialist survey.',
      'Give advice on heating and ventilation without blaming the tenant.'
    ],
    locations: ['{address}', '{venue}'],
    slots: {
      address: [
        '{houseNumber} Mill Lane, {district}',
        'Flat {houseNumber}, Cavendish Court, {district}',
        '{houseNumber} Victoria Terrace, {district}',
        'Flat {houseNumber}, Park View Tower, {district}'
      ],
      houseNumber: ['2', '7', '12', '15', '23', '41', '58', '104'],
      room: ['bedroom', 'bathroom', "children's bedroom", 'kitchen', 'living room'],
      damp: ['damp', 'mould', 'black mould', 'condensation', 'mildew'],
      landlord: ['the housing association', 'the landlord', 'the letting agent', 'the council housing team']
    }
  },
  {
    id: 'befriending-home-visits',
    name: 'Befriending and home visits for isolated older people',
    keywords: ['befriending', 'loneliness', 'older people', 'home visit', 'isolation'],
    types: [['Site visit', 4], ['Call', 4], ['Meeting', 1], ['Other', 1]],
    titles: [
      'Befriending visit to {contact}',
      'Check-in call with {contact} (befriending scheme)',
      'Loneliness and isolation: new referral from {district}',
      'Home visit – older resident living alone',
      'Matching befrienders to {district} referrals'
    ],
    descriptions: [
      'Visited {contact}, who lives alone in {district} and has rarely left the house since a fall in {month}.',
      'In good spirits today and talked at length about family, the garden and the old neighbourhood.',
      'Mentioned not having spoken to anyone for several days before our call.',
      'The kitchen cupboards were nearly empty, so we arranged a food delivery and a benefits check.',
      'A volunteer befriender, {colleague}, will phone every Tuesday and visit once a fortnight.',
      'The heating was off on a cold day because of worries about the energy bill.',
      'We talked about the lunch club at {venue} and offered transport to the first session.',
      'Hearing has got worse, which makes phone calls difficult; visits in person work better.',
      'Relatives live abroad and asked to be updated by email after each visit.',
      'No signs of neglect, but the stairs are becoming a risk and an occupational therapy referral was suggested.',
      'Scores on the short loneliness questionnaire have improved since the match in spring.'
    ],
    notes: [
      'Key safe code held by the office – never write it here.',
      'Prefers visits in the morning.',
      'Enjoys talking about cricket and old films.',
      'Occupational therapy referral sent.',
      'Next visit {date}.'
    ],
    locations: ["Client's home, {district}", 'Lunch club, {venue}'],
    slots: {}
  },
  {
    id: 'youth-summer-programme',
    name: 'Youth summer holiday programme',
    keywords: ['youth', 'summer programme', 'holiday activities', 'young people', 'teenagers'],
    types: [['Meeting', 3], ['Workshop', 2], ['Email', 2], ['Site visit', 1], ['Call', 1]],
    titles: [
      'Summer holiday programme planning for {district}',
      'Youth activities: {activity}',
      'Holiday club registrations and staffing',
      'Debrief of the summer scheme with youth workers',
      'Funding {activity} over the school holidays'
    ],
    descriptions: [
      'Planning for the summer holiday programme in {district} is under way, with {activity} confirmed for the first fortnight.',
      'Registrations opened on Monday and {count} young people have already signed up.',
      'The programme is aimed at {ageGroup} who would otherwise have little to do over the break.',
      'Free lunches will be served every day, which parents told us matters more than the activities.',
      'We still need two more qualified youth workers and a first aider for the trips.',
      'The sports hall at {venue} is only free in the mornings, so afternoon sessions will be held outdoors.',
      'Last year attendance dropped in the final week, so this time the most popular activities are kept for the end.',
      'Consent forms and medical information must be collected before anyone goes on a trip.',
      '{contact} from the youth council asked for young people to help choose the activities.',
      'The budget for the programme is around {amount}, most of it for staff and transport.',
      'The teenagers told us some sessions felt too much like school.'
    ],
    notes: [
      'Book coaches for the seaside trip early.',
      'Check safeguarding training dates for everyone on the rota.',
      'Parents asked for a WhatsApp group for updates.',
      'Print the allergy list for the kitchen.',
      'Ask {contact} about the youth council survey.'
    ],
    locations: ['{venue}', '{district} Park, sports pitches', 'Youth centre, {district}'],
    slots: {
      activity: [
        'football coaching',
        'a coding club',
        'street art sessions',
        'a cooking course',
        'day trips to the coast',
        'music production workshops',
        'a basketball tournament'
      ],
      ageGroup: ['11 to 14 year olds', 'teenagers', 'young people aged 15 to 18', 'primary-age children']
    }
  },
  {
    id: 'newcomer-settlement-support',
    name: 'Settlement and language support for newcomers and refugees',
    keywords: ['refugees', 'newcomers', 'language classes', 'interpreter', 'resettlement'],
    types: [['Meeting', 3], ['Workshop', 2], ['Call', 2], ['Email', 1], ['Site visit', 1]],
    titles: [
      'Settlement support for a newly arrived family',
      'Language class enrolment – {language} speakers',
      'Interpreter booking for {language}',
      'Newcomer orientation session in {district}',
      'Resettlement case review: {need}'
    ],
    descriptions: [
      'A family of five arrived last month and needs help with {need}.',
      'The parents speak {language} and a little English, so an interpreter was booked.',
      'We explained how the local health system works and helped them register with a clinic.',
      'The conversation class for {language} speakers is full, and {count} people are on the waiting list.',
      'Volunteer English teachers asked for more structured materials for complete beginners.',
      '{contact} from the settlement agency confirmed the family is eligible for the housing support grant.',
      'Many newcomers struggle with online forms, so the drop-in now has a help desk with laptops.',
      'The father is a qualified engineer and wants advice on getting his qualifications recognised.',
      "Most of the session went on {need}, which is the family's biggest worry.",
      'The children started school this week, and the school has asked for a home-language buddy.',
      'Interpreting now costs about {smallAmount} a month, so a telephone interpreting service is being considered.'
    ],
    notes: [
      'Interpreter confirmed for {date}.',
      'ID documents seen only – copies NOT kept on file.',
      'Family prefers afternoon appointments.',
      'Refer the work permit question to the legal clinic.',
      'Check whether the conversation class can add a second evening.'
    ],
    locations: ['{venue}', 'Settlement agency office, {district}', "Family's temporary accommodation, {district}"],
    slots: {
      language: ['Arabic', 'Dari', 'Tigrinya', 'Ukrainian', 'Somali', 'Farsi', 'Swahili', 'Spanish'],
      need: [
        'school places for the children',
        'opening a bank account',
        'registering with a doctor',
        'finding somewhere to live',
        'getting documents translated',
        'applying for a work permit'
      ]
    }
  },
  {
    id: 'safeguarding-concern',
    name: 'Safeguarding concern about a child or vulnerable adult',
    keywords: ['safeguarding', 'child protection', 'vulnerable adult', 'welfare concern', 'referral'],
    types: [['Meeting', 3], ['Call', 3], ['Email', 1], ['Other', 1]],
    titles: [
      'Safeguarding concern raised by {colleague}',
      'Welfare concern – referral to social services',
      'Child protection: strategy discussion',
      'Safeguarding lead review of open concerns',
      'Concern about a vulnerable adult in {district}'
    ],
    descriptions: [
      '{colleague} raised a safeguarding concern after a participant disclosed worries about their home situation.',
      'The concern went to the designated safeguarding lead the same day, as our policy requires.',
      'Details are on the confidential safeguarding log and are deliberately not recorded here.',
      'A referral was made to the local authority duty team, who acknowledged it within two hours.',
      'Nobody will contact the family directly until social services have advised us.',
      'The person at risk is an older adult who may be experiencing financial abuse by a relative.',
      'Staff were reminded never to promise confidentiality when someone discloses something.',
      'The duty social worker, {contact}, asked for a written account from the staff member involved.',
      'A follow-up strategy meeting has been arranged for {date}.',
      'Of the open concerns reviewed, most are now closed and two remain under active monitoring.',
      'The volunteer who noticed the bruising handled it well and has been offered a debrief.'
    ],
    notes: [
      'Confidential – names are on the safeguarding log only.',
      'Written account received from the staff member.',
      'Duty team reference recorded on the log.',
      'Debrief offered to the volunteer involved.',
      'Review at the next safeguarding panel.'
    ],
    locations: ['{venue}', 'Private office (confidential)'],
    slots: {}
  },
  {
    id: 'community-consultation',
    name: 'Community consultation on a new service',
    keywords: ['consultation', 'public meeting', 'residents', 'feedback', 'survey'],
    types: [['Meeting', 3], ['Workshop', 3], ['Email', 1], ['Other', 1]],
    titles: [
      'Residents consultation: {proposal}',
      'Public meeting on plans for {district}',
      'Community feedback session on {proposal}',
      'Survey results review with the residents association',
      'Listening event in {district}'
    ],
    descriptions: [
      'Around {count} residents came to the public meeting about {proposal}.',
      'Most people welcomed the idea, but several were worried about noise and parking.',
      'The chair of the residents association, {contact}, asked for the consultation to stay open another month.',
      'Online survey responses are mostly positive, but very few came from younger people or renters.',
      'Comments were collected on sticky notes and grouped into themes at the end of the evening.',
      'Older residents said they would not use a service that can only be booked online.',
      'Several people raised unrelated complaints about bin collections, which we passed on to the council.',
      'An interpreter helped people take part in their own language.',
      'The results will be written up and shared at the next meeting on {date}.',
      'Shopkeepers on the high street were supportive because it would bring in more footfall.',
      'A second, daytime session will be held for people who cannot come in the evening.'
    ],
    notes: [
      'Flip-chart photos uploaded to the shared drive.',
      'Survey closes {date}.',
      'Send a thank-you note to the residents association.',
      'Book the hall again for the daytime session.',
      'Translate the summary into the three main community languages.'
    ],
    locations: ['{venue}', '{district} Community Centre, main hall'],
    slots: {
      proposal: [
        'a new community café',
        'longer opening hours at the hub',
        'a mobile advice van',
        'moving the drop-in to a bigger building',
        'a debt advice clinic',
        'a community garden on the old car park'
      ]
    }
  }
];
