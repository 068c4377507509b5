import type { Topic } from '../topic';

/** Staff, volunteers and the organisations and media around us. */
export const PEOPLE_PARTNERS_TOPICS: readonly Topic[] = [
  {
    id: 'volunteer-onboarding',
    name: 'Volunteer recruitment and onboarding',
    keywords: ['volunteers', 'onboarding', 'induction', 'background check', 'volunteer recruitment'],
    types: [['Workshop', 3], ['Meeting', 3], ['Call', 2], ['Email', 2]],
    titles: [
      'Volunteer induction session',
      'Onboarding new {role}s',
      'Volunteer interview: {contact}',
      'Background checks for new volunteers',
      'Volunteer recruitment drive in {district}'
    ],
    descriptions: [
      'We welcomed {count} new volunteers at the induction and walked them through our policies.',
      'The induction covered safeguarding, confidentiality, health and safety and how to claim expenses.',
      '{contact} applied to volunteer as a {role} and came in for an informal chat.',
      'The applicant has experience from another charity and can start once the background check clears.',
      'Background checks are taking about three weeks, which puts some people off.',
      'New volunteers will shadow an experienced {role} for their first two shifts.',
      'Several applicants are students who can only help during term time.',
      'A simple welcome pack with a map of the building and key contacts is needed.',
      'The recruitment stall at the {district} market brought in a dozen enquiries.',
      'Volunteers want clearer rotas and a named supervisor on each shift.',
      'Expenses are paid back at cost, with receipts, up to {smallAmount} a month.'
    ],
    notes: [
      'Background check applications submitted.',
      'Add the new volunteers to the rota app.',
      'Welcome pack draft by {date}.',
      'Buddy: {colleague}.',
      'One reference still to come.'
    ],
    locations: ['{venue}', 'Market stall, {district}'],
    slots: {
      role: [
        'befriender',
        'food bank packer',
        'driver',
        'English conversation tutor',
        'youth mentor',
        'reception volunteer',
        'warehouse helper'
      ]
    }
  },
  {
    id: 'staff-wellbeing',
    name: 'Staff wellbeing and workload',
    keywords: ['wellbeing', 'burnout', 'stress', 'workload', 'mental health'],
    types: [['Meeting', 3], ['Workshop', 2], ['Call', 1], ['Other', 1]],
    titles: [
      'Staff wellbeing check-in',
      'Team workload and stress review',
      'Wellbeing workshop: avoiding burnout',
      'Return-to-work meeting after sickness absence',
      'Staff survey results: wellbeing'
    ],
    descriptions: [
      'The team talked openly about workload, which has grown steadily since {month}.',
      'Several people often stay late to finish case notes and feel permanently behind.',
      'Sickness absence has risen, and two colleagues are signed off with stress.',
      'The staff survey showed that people value their colleagues but feel managers rarely notice the pressure.',
      'We agreed to protect a meeting-free afternoon each week for admin and case notes.',
      'An external facilitator, {contact}, ran a session on recognising burnout and setting boundaries.',
      'The employee assistance programme offers free confidential counselling, but few people knew about it.',
      'Frontline workers hear distressing stories every day and asked for regular group supervision.',
      'A phased return was agreed, starting with three days a week for a month.',
      'Each team will have a trained mental health first aider.',
      'Flexible hours and some home working were suggested for people with caring responsibilities.'
    ],
    notes: [
      'Confidential – no names in the summary.',
      'Share the counselling helpline number again.',
      'Review how work is allocated in a month.',
      'Book mental health first aid training.',
      'Occupational health referral made.'
    ],
    locations: ['{venue}', 'Café at the {city} botanical gardens'],
    slots: {}
  },
  {
    id: 'recruitment-interviews',
    name: 'Staff recruitment and interviews',
    keywords: ['recruitment', 'hiring', 'job interview', 'vacancy', 'shortlist'],
    types: [['Meeting', 4], ['Call', 2], ['Email', 2]],
    titles: [
      'Interviews for the {post} vacancy',
      'Shortlisting candidates: {post}',
      'Job description and advert for a {post}',
      'Second-round interview with {contact}',
      'Recruitment panel debrief'
    ],
    descriptions: [
      'Five candidates were shortlisted for the {post} role from a strong field.',
      'The panel interviewed four candidates and asked each of them the same six questions.',
      '{contact} gave the strongest interview and had clearly researched our work.',
      'A salary of {amount} may be too low to attract experienced applicants in the current market.',
      'The job description was rewritten to remove jargon and an unnecessary degree requirement.',
      'One candidate asked about flexible working, which we are happy to offer.',
      'References will be taken up before a conditional offer is made.',
      'We will advertise on community job boards as well as the usual sites, to reach a more diverse pool.',
      'The post has been vacant since {month}, and the rest of the team is covering the gap.',
      'Candidates completed a short written exercise based on a realistic case.',
      'The preferred candidate could start on {date}, after serving notice.'
    ],
    notes: [
      'Scoring sheets filed with HR.',
      'Draft the offer letter.',
      'Feedback calls for unsuccessful candidates.',
      'Background check needed before the start date.',
      'Advert closes {date}.'
    ],
    locations: ['{venue}', 'Online (Microsoft Teams)'],
    slots: {
      post: [
        'advice caseworker',
        'youth worker',
        'volunteer coordinator',
        'finance officer',
        'community health worker',
        'operations manager',
        'fundraising officer'
      ]
    }
  },
  {
    id: 'first-aid-training',
    name: 'First aid training',
    keywords: ['first aid', 'training course', 'CPR', 'defibrillator', 'certificate'],
    types: [['Workshop', 5], ['Email', 1], ['Call', 1]],
    titles: [
      'First aid training for staff and volunteers',
      'CPR and defibrillator refresher',
      'Emergency first aid at work course',
      'Booking first aid certification',
      'Mental health first aid course'
    ],
    descriptions: [
      'Staff and volunteers completed the one-day emergency first aid course.',
      'The trainer, {contact}, covered CPR, choking, bleeding and the recovery position.',
      'Everyone practised with the defibrillator that was installed at reception last year.',
      'Certificates are valid for three years, and a refresher will be booked before they expire.',
      'Several people said they now feel confident to step in during an emergency.',
      'There must be at least one trained first aider on every shift, including weekends.',
      'The course cost {smallAmount}, paid from the training budget.',
      'First aid kits in the vans were checked and restocked after the session.',
      'The mental health first aid course teaches people how to spot and respond to someone in crisis.',
      'The names of trained first aiders will be displayed next to each first aid box.',
      'A volunteer asked for a session on anaphylaxis and using an adrenaline auto-injector.'
    ],
    notes: [
      'Certificates filed with HR.',
      'Refresher due in three years.',
      'Restock the kit in the kitchen.',
      'Update the first aider list by reception.',
      'Next course {date}.'
    ],
    locations: ['{venue}', 'Training provider, {district}'],
    slots: {}
  },
  {
    id: 'university-partnership',
    name: 'Research partnership with a university',
    keywords: ['university', 'research partnership', 'evaluation', 'student placements', 'ethics approval'],
    types: [['Meeting', 4], ['Email', 2], ['Call', 2], ['Workshop', 1]],
    titles: [
      'Research partnership with {university}',
      'Memorandum of understanding with {university}',
      'Student placements for next academic year',
      'Evaluation of our services by university researchers',
      'Ethics approval for the joint research project'
    ],
    descriptions: [
      'We met {contact} from {university} to discuss an independent evaluation of our services.',
      'The researchers would interview service users and analyse anonymised case data.',
      'Ethics approval is needed before any interviews take place, which could take two months.',
      'A memorandum of understanding will set out who owns the data and how findings are published.',
      'The university offered {count} student placements a year in social work and public health.',
      'Students on placement must have a supervisor on site at all times.',
      'The project could provide evidence for our next large funding bid.',
      'We asked for participants to be paid for their time, about {smallAmount} each.',
      'Findings will be shared back with the community in plain language, not only in academic journals.',
      'A joint application to a research council is being considered.',
      'Data may leave our systems only in anonymised form, under a data sharing agreement.'
    ],
    notes: [
      'MoU draft with our legal adviser.',
      'Ethics submission deadline {date}.',
      'Placement supervisor: {colleague}.',
      'Ask about the participant payments policy.',
      'Add to the next board update.'
    ],
    locations: ['University campus, {city}', '{venue}'],
    slots: {
      university: [
        'the University of {city}',
        '{city} Metropolitan University',
        'the School of Public Health',
        'the Department of Social Policy'
      ]
    }
  },
  {
    id: 'press-enquiry',
    name: 'Media and press enquiry',
    keywords: ['press', 'journalist', 'media interview', 'news story', 'radio'],
    types: [['Call', 4], ['Email', 3], ['Meeting', 1]],
    titles: [
      'Press enquiry from a local newspaper',
      'Radio interview about {pressTopic}',
      'Journalist request for a case study',
      'Media statement on the funding cut',
      'TV crew filming at {venue}'
    ],
    descriptions: [
      'A journalist, {contact}, called asking for a comment on {pressTopic}.',
      'We agreed to give a short statement and offered an interview with our director.',
      'The reporter wanted to speak to someone we support; that will only happen with full, informed consent.',
      'The radio interview went well and we were able to say how people can volunteer.',
      'We prepared three key messages and some figures on demand for the interview.',
      'The newspaper story was mostly accurate, but the headline was more dramatic than we would like.',
      'A TV crew will film a short piece on {date}; signs will warn visitors about the filming.',
      'All media requests go through the communications lead before anyone responds.',
      'The coverage led to {count} new volunteer enquiries within a week.',
      "We declined to comment on the council's budget decisions before the consultation closes.",
      'The case study will use a changed name and no photographs.'
    ],
    notes: [
      'Consent form signed by the case study participant.',
      'Link to the article saved in the press log.',
      'Key messages agreed with the director.',
      'Print the filming notices.',
      'Journalist deadline: 4pm today.'
    ],
    locations: ['{venue}', 'Radio studio, {city}'],
    slots: {
      pressTopic: [
        'rising demand at the food bank',
        'the cost-of-living crisis',
        'loneliness among older people',
        'the new youth programme',
        'poor housing conditions',
        'support for newcomers'
      ]
    }
  },
  {
    id: 'accessibility-review',
    name: 'Accessibility review of premises and services',
    keywords: ['accessibility', 'wheelchair access', 'disability', 'hearing loop', 'easy read'],
    types: [['Site visit', 3], ['Meeting', 2], ['Workshop', 1], ['Email', 1]],
    titles: [
      'Accessibility audit of {venue}',
      'Wheelchair access and ramp assessment',
      'Easy-read versions of our leaflets',
      'Disability access group walk-through',
      'Hearing loop and signage improvements'
    ],
    descriptions: [
      'Members of the local disability access group walked through the building with us and pointed out barriers.',
      'The front ramp is too steep for many wheelchair users, and there is a handrail on one side only.',
      'The accessible toilet is being used as a storeroom, which has to stop immediately.',
      'There is no hearing loop at reception, so people with hearing aids struggle to follow conversations.',
      'Signs are small and low-contrast; larger signs with symbols were recommended.',
      'Our leaflets are long and wordy, and easy-read versions are needed for people with learning disabilities.',
      'According to {contact}, the website does not work well with screen readers.',
      'Fixing the ramp and adding a power-assisted door is estimated at {amount}.',
      'Staff will be trained to offer help without being patronising.',
      'Quiet hours on Tuesday mornings were suggested for people who find busy spaces overwhelming.',
      'Blue badge parking bays are often taken by delivery vans.'
    ],
    notes: [
      'Clear the accessible toilet today.',
      'Quote for the automatic door requested.',
      'Easy-read leaflet draft by {date}.',
      'Ask the access group to review again in six months.',
      'Get two quotes for the hearing loop.'
    ],
    locations: ['{venue}'],
    slots: {}
  },
  {
    id: 'corporate-sponsorship',
    name: 'Corporate sponsor and major donor relations',
    keywords: ['corporate sponsor', 'donor', 'partnership', 'employee volunteering', 'impact report'],
    types: [['Meeting', 3], ['Email', 3], ['Call', 2], ['Site visit', 1]],
    titles: [
      'Sponsorship meeting with {company}',
      'Employee volunteering day with {company}',
      'Thank-you visit for a major donor',
      'Renewing the corporate partnership with {company}',
      'Impact report for our corporate sponsors'
    ],
    descriptions: [
      'We met the community partnerships team at {company} to review the first year of their sponsorship.',
      'They have given {largeAmount} so far and want clearer evidence of impact.',
      'Some {count} of their employees would like to volunteer for a day, ideally at the food bank.',
      'The company is interested in naming the new youth room, which the board will need to consider.',
      'A long-standing donor, {contact}, visited to see the work her gifts have paid for.',
      'We agreed to send a short impact report every quarter with stories and figures.',
      'Employee volunteering days take a lot of staff time to organise, so a small fee will cover the cost.',
      'Their marketing team wants to use our logo, which requires a written brand agreement.',
      'Payroll giving could bring in a steady monthly income if staff are made aware of it.',
      'Before renewing we must check that the partnership fits our ethical fundraising policy.',
      'The sponsor offered to match-fund the winter appeal up to {amount}.'
    ],
    notes: [
      'Send the impact report by {date}.',
      'Check the ethical fundraising policy.',
      'Confirm dates for the volunteering day.',
      'Logo use agreement with legal.',
      'Thank-you card signed by the team.'
    ],
    locations: ['{venue}', "Sponsor's offices, {city}"],
    slots: {
      company: [
        'Harbourside Bank',
        'Northline Energy',
        'Kestrel Logistics',
        'a national supermarket chain',
        'Summit Telecom',
        'Oakleaf Insurance',
        'a local law firm'
      ]
    }
  }
];
