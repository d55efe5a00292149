/**
 * Sentence templates for notes and call summaries, in a P&C agency's voice. Placeholders in
 * braces are filled from the lead's story (see ../story.ts), so a lead's notes agree with each
 * other: the same carrier, vehicle, premium and renewal date throughout.
 */
export type NoteTopic = 'auto' | 'home' | 'specialty' | 'umbrella' | 'life' | 'commercial' | 'personal' | 'any';

export const NOTE_TEMPLATES: Record<NoteTopic, readonly string[]> = {
  auto: [
    'Quoting auto for {first}: {vehicles} vehicle(s), primary is the {vehicle}. Currently with {carrier} at {premium}/yr.',
    'Ran MVRs on all drivers. One minor speeding ticket from two years ago, should not surcharge with {newCarrier}.',
    'Asked {first} for the VIN on the {vehicle}; the one on the dec page was mistyped. Corrected and re-rated.',
    'Teen driver being added next month. Discussed good-student discount and the telematics program.',
    '{first} wants to raise comp/collision deductible to {deductible} to bring the premium down. Re-quoted.',
    'Current limits are state minimum. Recommended 100/300/100 and matching UM/UIM; {first} agreed to look at it.',
    'Vehicle is financed, lienholder needs to be listed. Requested the lender name and loan number.',
    'Prior insurance shows a 20-day lapse last year. {newCarrier} will still write it but no prior-carrier discount.',
    'Garaging address differs from mailing address (college student). Noted for underwriting.',
    'Quoted with and without rideshare endorsement; {first} drives for a delivery app on weekends.',
    'Accident in March, other party at fault. Waiting on the claim number to confirm it will not be chargeable.',
    'Sent ID cards and the auto application for e-signature.',
    'Comparing {carrier} renewal at {premium} vs our quote of {quote}; saving about {savings} a year.',
    "Added roadside assistance and rental reimbursement at {first}'s request.",
    'Discussed gap coverage on the new {vehicle}; lender requires it.',
  ],
  home: [
    'Home built in {yearBuilt}, roof replaced {roofYear}. Asked for photos of the roof for {newCarrier}.',
    'Scheduling the exterior inspection for {day}; inspector will call {first} to confirm a time.',
    'Replacement cost estimator came back higher than the current Coverage A. Explained why to {first}.',
    'Wind/hail deductible is a percentage with {carrier}; our quote has a flat {deductible}. Big selling point.',
    'Dog on the property (breed listed). {newCarrier} accepts it with no bite history.',
    'Pool with a locked fence; trampoline removed last year. Updated the application.',
    'Mortgagee clause needed for closing on the 15th. Sent binder request to underwriting.',
    'Prior water claim three years ago. Underwriter asked for proof of repairs.',
    'Discussed water backup endorsement and service line coverage; {first} wants both.',
    'Protection class is good, hydrant within 500 ft. Fire station about 2 miles away.',
    'Home is in a flood zone X; recommended a preferred risk flood policy anyway.',
    '{first} is closing on the house next month. Need the signed purchase agreement for the binder.',
    'Inspection report in: minor gutter repair requested, no impact on the policy.',
    'Evidence of insurance sent to the lender and the title company.',
    'Discussed scheduling jewelry (engagement ring) on a personal articles floater.',
  ],
  specialty: [
    'Quoting the {boat}; agreed value based on the bill of sale. Navigation limited to inland lakes.',
    'Lay-up period November to March lowers the premium; {first} stores it at a marina.',
    'Asked for the HIN photo and the trailer details; trailer is covered up to $5,000.',
    'Motorcycle safety course certificate received, applied the discount.',
    'Seasonal use only; set the policy to suspend collision during winter months.',
    'Custom parts and equipment coverage raised to $3,000 for the aftermarket accessories.',
  ],
  umbrella: [
    'Umbrella requires 250/500 auto and 300k home liability underlying; {first} is below on auto.',
    'Quoted a {limit} umbrella; {first} has a rental property, so added it to the schedule.',
    'Explained umbrella covers defense costs and liability above the home and auto limits.',
    'Teen driver in the household increases umbrella premium; still worth it given their assets.',
    'Bundling umbrella with home and auto at {newCarrier} gets the multi-policy discount on all three.',
  ],
  life: [
    'Term life needs analysis: mortgage, two kids, income replacement. Suggested a 20-year term.',
    'Paramedical exam scheduled; {first} asked about the no-exam option.',
    'Beneficiary designation form sent; {first} wants the spouse primary and a trust contingent.',
  ],
  commercial: [
    'Got the loss runs from {carrier}; three years clean. Sending the submission to {newCarrier}.',
    '{business} has {employees} employees. Need payroll by class code for the workers comp quote.',
    'Certificate of insurance requested by a general contractor, additional insured with waiver of subrogation.',
    'Revenue about {revenue} last year; expecting growth. Will audit at the end of the term.',
    'Underwriter wants a description of operations and any subcontracted work for the GL quote.',
    'BOP quoted with business income and equipment breakdown. Discussed hired and non-owned auto.',
    'Experience mod is 0.92; good for pricing. Safety program documents requested.',
    'Client leases the building; landlord requires $2M aggregate and named additional insured.',
    'Asked about cyber: they take card payments and keep customer records. Sent the cyber application.',
    'Fleet of company vehicles; collected the driver list and MVR consents.',
    'Walked the location with the owner; sprinklered building, alarm monitored.',
    'Professional liability: contracts require $1M per claim. Quoting claims-made with prior acts.',
    'Premium financing option explained; down payment 25%, nine installments.',
    'Quote comparison sent: {newCarrier} at {quote} vs expiring {premium} with {carrier}.',
    'Renewal date {renewal}; need the signed applications two weeks before to bind on time.',
  ],
  personal: [
    'Bundling home and auto with {newCarrier} saves {first} about {savings} a year.',
    'Referral from an existing client; sent a thank-you card to the referrer.',
    '{first} prefers texts during the day and calls after 5pm.',
    'Policy renews {renewal}. Set a reminder 45 days before to re-shop.',
    'Explained the difference between actual cash value and replacement cost.',
    'Credit-based insurance score ordered with consent; results favorable.',
    '{first} and {spouse} are both on the policy; {spouse} handles the paperwork.',
    'Recommended an umbrella given the home equity and the teen driver.',
    'Claims question: asked whether a small fender bender would raise rates. Explained the accident forgiveness.',
    'Payment question: prefers EFT monthly; paid-in-full discount explained.',
  ],
  any: [
    'Left a voicemail, will try again {day}.',
    'Sent the quote proposal by email with a side-by-side of coverages.',
    'Follow up {day} to review the proposal.',
    'Price is the main concern; current premium {premium} with {carrier}.',
    'Waiting on the declarations page from the current carrier.',
    'Asked about discounts: paperless, paid in full, multi-policy.',
    'Spoke with {first}; they want to decide before the renewal on {renewal}.',
    'Documents received and saved to the file.',
    'Underwriting asked two follow-up questions; answered both the same day.',
    'Signed application received. Ready to bind once payment clears.',
    'Payment taken over the phone; receipt emailed.',
    'Explained the cancellation process with {carrier}; we will send the request once bound.',
    'Agent {agent} reviewed the file; coverages look right for the exposure.',
    'No answer; sent a text with a link to book a call.',
    'Good conversation; {first} appreciated the coverage review even though price was close.',
    'Shopping multiple agencies; our quote is competitive. Follow up on {day}.',
    'Requested a copy of the current policy to match coverages apples to apples.',
    'Reminder: verify the effective date matches the cancellation date with {carrier}.',
    'Mentioned the mobile app for ID cards and claims reporting.',
    'Needs proof of insurance by Friday for the lender.',
    'Noted preferred language and best time to call in the profile.',
    'Asked for a referral; {first} mentioned a neighbor shopping for insurance.',
  ],
};

/** Summaries of calls, emails, texts and meetings, keyed by communication type code. */
export const COMMUNICATION_TEMPLATES: Record<string, readonly string[]> = {
  call: [
    'Introduced myself and the agency. {first} is shopping because the {carrier} renewal went up.',
    'Went over coverages and limits; {first} had questions on the deductible. Follow up {day}.',
    'Reviewed the proposal line by line. {first} will talk it over and call back.',
    'Collected driver and vehicle details for the quote.',
    'Answered a claims question and explained how the deductible applies.',
    'Discussed bundling and the multi-policy discount with {newCarrier}.',
    'Confirmed the effective date and payment plan.',
  ],
  voicemail: [
    'Left a voicemail asking {first} to call back about the quote.',
    'Left a message with the direct line; will try email next.',
  ],
  email: [
    'Sent the quote comparison and the coverage summary.',
    'Requested the current declarations page and loss runs.',
    'Sent the application for e-signature and the payment link.',
    'Followed up on the proposal sent last week.',
  ],
  sms: [
    'Texted a reminder about the documents we still need.',
    'Texted to confirm the call on {day}.',
    'Replied by text: will review tonight.',
  ],
  meeting: [
    'Met at the office to sign the applications and review coverages.',
    'Site visit at the location; walked the property with the owner.',
  ],
  video_call: [
    'Screen-shared the proposal and walked through the coverage options.',
    'Video call to review the renewal and cross-sell options.',
  ],
  letter: ['Mailed the welcome packet and policy documents.', 'Mailed the renewal review letter.'],
};

export const EMAIL_SUBJECTS = [
  'Your {type} quote',
  'Documents needed for your quote',
  'Proposal: {type} with {newCarrier}',
  'Following up on your quote',
  'Policy documents and ID cards',
  'Quick question about your coverage',
  'Your renewal is coming up',
];

export const CALL_OUTCOMES = [
  'Reached; next step agreed',
  'Reached; will think it over',
  'No answer',
  'Left voicemail',
  'Wrong time; call back',
  'Reached; sent documents',
  'Reached; requested more information',
];

export const LOST_REASONS = [
  'Bought elsewhere on price',
  'Renewed with current carrier',
  'Coverage not available for the risk',
  'No longer needs coverage',
  'Went with a captive agent',
  'Underwriting declined',
  'Price too high',
  'Chose a direct writer online',
];

export const UNRESPONSIVE_REASONS = [
  'No response after five attempts',
  'Phone disconnected, emails unanswered',
  'Stopped replying after the quote',
];

export const FOLLOW_UP_NOTES = [
  'Review the proposal',
  'Collect the dec page',
  'Check on inspection',
  'Call before renewal',
  'Confirm payment plan',
  'Send the application',
  'Answer deductible question',
  'Ask for a referral',
];

export const CLIENT_WELCOME_NOTES = [
  'Welcome call done; policy documents and ID cards emailed.',
  'Bound with {newCarrier}, effective today. Cancellation request sent to {carrier}.',
  'New client onboarding: added to the annual review list and the newsletter.',
  'Policy issued; reviewed the cross-sell options for next year (umbrella, life).',
];
