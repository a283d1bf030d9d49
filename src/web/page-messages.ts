/**
 * The respondent pages' own texts (buttons, headings, error messages, the start, check-answers,
 * saved and confirmation pages), one catalogue per language. A survey's own texts come from its
 * definition (see definition/localise-definition.ts); these are Canvass's. A language without a
 * catalogue here gets English page texts around the survey's translated ones.
 *
 * The Welsh texts: those GOV.UK services publish (HMRC's and govuk-frontend's own Welsh
 * examples: "Mae problem wedi codi", "Gwall:", "Yn eich blaen", "Yn ôl", "Newid", "Dechrau nawr",
 * "Dechrau eto", "Neidio i’r prif gynnwys", the character count's and date input's texts,
 * "Dewis iaith") are as published; the others are
 * Canvass's best Welsh and are listed in {@link welshForReview} for a translator to check (the
 * README lists them too).
 */
export interface PageMessages {
  /** The language's name in itself, for the language toggle. */
  languageName: string;
  languageNavigationLabel: string;
  skipLink: string;
  back: string;
  errorPrefix: string;
  thereIsAProblem: string;
  serviceInformation: string;
  menu: string;
  warning: string;
  or: string;
  // Start page
  minutesToComplete: (minutes: number) => string;
  invitedAs: (organisation: string) => string;
  howAnswersAreUsed: string;
  privacy: (minBase: number, draftDays: number) => string[];
  runBy: (publisher: string) => string;
  continueSaved: string;
  startNow: string;
  invitationOnly: string;
  results: string;
  readReport: string;
  // Organisation page
  whichOrganisation: string;
  organisationHint: string;
  chooseOrganisation: string;
  selectOrganisation: string;
  // Question pages
  continue: string;
  saveAndReturn: string;
  saveAndComeBack: string;
  day: string;
  month: string;
  year: string;
  characterCount: Record<string, unknown>;
  // Check answers
  checkAnswers: string;
  organisation: string;
  notChosen: string;
  change: string;
  notAnswered: string;
  nowSend: string;
  declaration: string;
  sendResponse: string;
  // Confirmation and saved
  responseSent: string;
  yourReference: (reference: string) => string;
  whatHappensNext: string;
  nextParagraphs: string[];
  answersSaved: string;
  comeBackUntil: (date: string) => string;
  resumeWarning: string;
  continueNow: string;
  linkExpired: string;
  linkExpiredParagraphs: string[];
  startAgain: string;
  surveyClosed: string;
  /** "TITLE closed at 16:00 UTC on 1 May 2026." */
  closedAt: (title: string, time: string, isoDay: string) => string;
  closedParagraph: string;
  /** Error pages a respondent may meet (see message-page.ts). */
  pageNotFound: string;
  pageNotFoundParagraphs: string[];
  answersNotSaved: string;
  formRefusedParagraphs: string[];
  serviceProblem: string;
  serviceProblemParagraphs: string[];
  /** A date as people read it (27 March 2024). */
  longDate: (iso: string) => string;
  errors: AnswerErrorMessages;
}

/** The respondent's error messages, in the GOV.UK style; see respondent/answer-errors.ts. */
export interface AnswerErrorMessages {
  selectWhich: ((questionText: string) => string) | undefined;
  selectMain: ((questionText: string) => string) | undefined;
  selectAnswer: string;
  selectAtLeastOne: string;
  selectAtLeastOneOr: (exclusive: string) => string;
  enterWholeNumber: string;
  enterNumber: string;
  enterAnswer: string;
  enterDate: string;
  selectEachStatement: string;
  exclusiveCombined: (exclusive: string) => string;
  selectFewer: string;
  selectNoMoreThan: (max: number) => string;
  selectOnce: string;
  wholeNumberLike: string;
  numberLike: string;
  numberInRange: string;
  range: (integer: boolean, min: number | undefined, max: number | undefined) => string;
  tooLong: (max: number) => string;
  answerTooLong: string;
  enterAgain: string;
  selectShown: string;
  statementRequired: (statement: string) => string;
  statementInvalid: (statement: string) => string;
  dateIncomplete: (parts: readonly ('day' | 'month' | 'year')[]) => string;
  dateNotReal: string;
  yearFourNumbers: string;
  dateTooEarly: (date: string) => string;
  dateTooLate: (date: string) => string;
}

const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const welshMonths = ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'];

function dateIn(months: readonly string[]) {
  return (iso: string): string => {
    const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
    return `${day} ${months[month - 1]} ${year}`;
  };
}

function list(items: readonly string[], and: string): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

const english: PageMessages = {
  languageName: 'English',
  languageNavigationLabel: 'Language',
  skipLink: 'Skip to main content',
  back: 'Back',
  errorPrefix: 'Error: ',
  thereIsAProblem: 'There is a problem',
  serviceInformation: 'Service information',
  menu: 'Menu',
  warning: 'Warning',
  or: 'or',
  minutesToComplete: (minutes) => `It takes about ${minutes} minutes.`,
  invitedAs: (organisation) => `You have been invited to take part as someone who works at ${organisation}.`,
  howAnswersAreUsed: 'How your answers are used',
  privacy: (minBase, days) => [
    'You do not give your name. Your answers are recorded with the organisation you work for, so that organisations can be compared.',
    `Results are only ever published as totals for groups of at least ${minBase} people, so nobody can tell what you answered.`,
    'No IP address or anything else about your device is stored with your answers.',
    `You can save your answers and come back to them within ${days} days.`,
  ],
  runBy: (publisher) => `This survey is run by ${publisher}.`,
  continueSaved: 'Continue with your saved answers',
  startNow: 'Start now',
  invitationOnly: 'This survey is by invitation only. Use the link you were sent to take part.',
  results: 'Results',
  readReport: 'Read the published report of this survey',
  whichOrganisation: 'Which organisation do you work for?',
  organisationHint: 'If you work for more than one, choose the one you will answer about. Start typing to search the list.',
  chooseOrganisation: 'Choose your organisation',
  selectOrganisation: 'Select the organisation you work for',
  continue: 'Continue',
  saveAndReturn: 'Save and return to your answers',
  saveAndComeBack: 'Save and come back later',
  day: 'Day',
  month: 'Month',
  year: 'Year',
  // govuk-frontend's own English texts: no parameters needed.
  characterCount: {},
  checkAnswers: 'Check your answers before sending them',
  organisation: 'Organisation',
  notChosen: 'Not chosen',
  change: 'Change',
  notAnswered: 'Not answered',
  nowSend: 'Now send your response',
  declaration: 'By sending this response you confirm that the answers are about your own organisation and experience.',
  sendResponse: 'Send response',
  responseSent: 'Response sent',
  yourReference: (reference) => `Your reference is ${reference}`,
  whatHappensNext: 'What happens next',
  nextParagraphs: [
    'Thank you for taking part. Your answers have been recorded with the others from your organisation.',
    'Keep your reference if you may want to ask about your response. It is not linked to your name.',
  ],
  answersSaved: 'Your answers have been saved',
  comeBackUntil: (date) => `You can come back to this survey in this browser until ${date}, or on any device with this link:`,
  resumeWarning: 'Anyone with this link can see and change your answers. Do not share it. Opening it in another browser moves your answers there: after that, neither this link nor this browser opens them.',
  continueNow: 'Continue with the survey now',
  linkExpired: 'This link has expired',
  linkExpiredParagraphs: ['Saved answers are kept for 30 days after they were last saved, and a link stops working once the answers are sent.', 'You can start the survey again.'],
  startAgain: 'Start again',
  surveyClosed: 'This survey has closed',
  closedAt: (title, time, isoDay) => `${title} closed at ${time} UTC on ${dateIn(englishMonths)(isoDay)}.`,
  closedParagraph: 'It is no longer taking responses, and links to it no longer work. Answers you saved but did not send have not been counted.',
  pageNotFound: 'Page not found',
  pageNotFoundParagraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'],
  answersNotSaved: 'Sorry, your answers could not be saved',
  formRefusedParagraphs: ['This can happen if the page was open for a long time, or if your browser does not accept cookies from this site.', 'Go back, reload the page and try again.'],
  serviceProblem: 'Sorry, there is a problem with the service',
  serviceProblemParagraphs: ['Try again later. Any answers you saved have not been lost.'],
  longDate: dateIn(englishMonths),
  errors: {
    // "Which best describes your role?" reads well as "Select which best describes your role".
    selectWhich: (text) => `Select ${text}`,
    selectMain: (text) => `Select ${text}`,
    selectAnswer: 'Select an answer',
    selectAtLeastOne: 'Select at least one answer',
    selectAtLeastOneOr: (exclusive) => `Select at least one answer, or select ‘${exclusive}’`,
    enterWholeNumber: 'Enter a whole number',
    enterNumber: 'Enter a number',
    enterAnswer: 'Enter your answer',
    enterDate: 'Enter a date',
    selectEachStatement: 'Select an answer for each statement',
    exclusiveCombined: (exclusive) => `Select ‘${exclusive}’ or one or more of the other answers, not both`,
    selectFewer: 'Select fewer answers',
    selectNoMoreThan: (max) => `Select no more than ${max} answers`,
    selectOnce: 'Select each answer only once',
    wholeNumberLike: 'Enter a whole number, like 25',
    numberLike: 'Enter a number, like 25',
    numberInRange: 'Enter a number in the range asked for',
    range: (integer, min, max) => {
      const kind = integer ? 'a whole number' : 'a number';
      if (min !== undefined && max !== undefined) return `Enter ${kind} between ${min} and ${max}`;
      if (min !== undefined) return `Enter ${kind} that is ${min} or more`;
      if (max !== undefined) return `Enter ${kind} that is ${max} or less`;
      return `Enter ${kind}`;
    },
    tooLong: (max) => `Your answer must be ${max.toLocaleString('en-GB')} characters or fewer`,
    answerTooLong: 'Your answer is too long',
    enterAgain: 'Enter your answer again',
    selectShown: 'Select one of the answers shown',
    statementRequired: (statement) => `Select an answer for ‘${statement}’`,
    statementInvalid: (statement) => `Select one of the answers shown for ‘${statement}’`,
    dateIncomplete: (parts) => `Date must include a ${list(parts, 'and')}`,
    dateNotReal: 'Date must be a real date',
    yearFourNumbers: 'Year must include 4 numbers',
    dateTooEarly: (date) => `Date must be the same as or after ${date}`,
    dateTooLate: (date) => `Date must be the same as or before ${date}`,
  },
};

const welshParts = { day: 'diwrnod', month: 'mis', year: 'blwyddyn' } as const;

const welsh: PageMessages = {
  languageName: 'Cymraeg',
  languageNavigationLabel: 'Dewis iaith',
  skipLink: 'Neidio i’r prif gynnwys',
  back: 'Yn ôl',
  errorPrefix: 'Gwall: ',
  thereIsAProblem: 'Mae problem wedi codi',
  serviceInformation: 'Gwybodaeth am y gwasanaeth',
  menu: 'Dewislen',
  warning: 'Rhybudd',
  or: 'neu',
  minutesToComplete: (minutes) => `Mae’n cymryd tua ${minutes} munud.`,
  invitedAs: (organisation) => `Rydych wedi cael eich gwahodd i gymryd rhan fel rhywun sy’n gweithio yn ${organisation}.`,
  howAnswersAreUsed: 'Sut y defnyddir eich atebion',
  privacy: (minBase, days) => [
    'Nid ydych yn rhoi eich enw. Caiff eich atebion eu cofnodi gyda’r sefydliad rydych yn gweithio iddo, fel y gellir cymharu sefydliadau.',
    `Dim ond fel cyfansymiau ar gyfer grwpiau o ${minBase} o bobl o leiaf y caiff canlyniadau eu cyhoeddi, felly ni all neb ddweud beth oedd eich atebion.`,
    'Ni chaiff cyfeiriad IP nac unrhyw beth arall am eich dyfais ei storio gyda’ch atebion.',
    `Gallwch gadw eich atebion a dod yn ôl atynt o fewn ${days} diwrnod.`,
  ],
  runBy: (publisher) => `${publisher} sy’n cynnal yr arolwg hwn.`,
  continueSaved: 'Parhau â’ch atebion sydd wedi’u cadw',
  startNow: 'Dechrau nawr',
  invitationOnly: 'Drwy wahoddiad yn unig y mae’r arolwg hwn. Defnyddiwch y ddolen a anfonwyd atoch i gymryd rhan.',
  results: 'Canlyniadau',
  readReport: 'Darllen adroddiad cyhoeddedig yr arolwg hwn',
  whichOrganisation: 'I ba sefydliad ydych chi’n gweithio?',
  organisationHint: 'Os ydych yn gweithio i fwy nag un, dewiswch yr un y byddwch yn ateb amdano. Dechreuwch deipio i chwilio’r rhestr.',
  chooseOrganisation: 'Dewiswch eich sefydliad',
  selectOrganisation: 'Dewiswch y sefydliad rydych yn gweithio iddo',
  continue: 'Yn eich blaen',
  saveAndReturn: 'Cadw a dychwelyd at eich atebion',
  saveAndComeBack: 'Cadw a dod yn ôl yn nes ymlaen',
  day: 'Diwrnod',
  month: 'Mis',
  year: 'Blwyddyn',
  characterCount: {
    charactersUnderLimitText: { one: 'Mae gennych 1 cymeriad yn weddill', other: 'Mae gennych %{count} o gymeriadau yn weddill' },
    charactersAtLimitText: 'Mae gennych 0 o gymeriadau yn weddill',
    charactersOverLimitText: { one: 'Mae gennych 1 cymeriad yn ormod', other: 'Mae gennych %{count} o gymeriadau yn ormod' },
    wordsUnderLimitText: { one: 'Mae gennych 1 gair yn weddill', other: 'Mae gennych %{count} o eiriau yn weddill' },
    wordsAtLimitText: 'Mae gennych 0 o eiriau yn weddill',
    wordsOverLimitText: { one: 'Mae gennych 1 gair yn ormod', other: 'Mae gennych %{count} o eiriau yn ormod' },
    textareaDescriptionText: 'Gallwch ddefnyddio hyd at %{count} o gymeriadau',
  },
  checkAnswers: 'Gwiriwch eich atebion cyn eu hanfon',
  organisation: 'Sefydliad',
  notChosen: 'Heb ei ddewis',
  change: 'Newid',
  notAnswered: 'Heb ei ateb',
  nowSend: 'Nawr anfonwch eich ymateb',
  declaration: 'Drwy anfon yr ymateb hwn rydych yn cadarnhau bod yr atebion yn ymwneud â’ch sefydliad a’ch profiad eich hun.',
  sendResponse: 'Anfon ymateb',
  responseSent: 'Ymateb wedi’i anfon',
  yourReference: (reference) => `Eich cyfeirnod yw ${reference}`,
  whatHappensNext: 'Beth sy’n digwydd nesaf',
  nextParagraphs: [
    'Diolch am gymryd rhan. Mae eich atebion wedi’u cofnodi gyda’r rhai eraill o’ch sefydliad.',
    'Cadwch eich cyfeirnod os byddwch am holi am eich ymateb. Nid yw’n gysylltiedig â’ch enw.',
  ],
  answersSaved: 'Mae eich atebion wedi’u cadw',
  comeBackUntil: (date) => `Gallwch ddod yn ôl i’r arolwg hwn yn y porwr hwn tan ${date}, neu ar unrhyw ddyfais gyda’r ddolen hon:`,
  resumeWarning: 'Gall unrhyw un sydd â’r ddolen hon weld a newid eich atebion. Peidiwch â’i rhannu. Mae ei hagor mewn porwr arall yn symud eich atebion yno: ar ôl hynny, ni fydd y ddolen hon na’r porwr hwn yn eu hagor.',
  continueNow: 'Parhau â’r arolwg nawr',
  linkExpired: 'Mae’r ddolen hon wedi dod i ben',
  linkExpiredParagraphs: ['Caiff atebion sydd wedi’u cadw eu cadw am 30 diwrnod ar ôl eu cadw ddiwethaf, ac mae dolen yn peidio â gweithio unwaith y caiff yr atebion eu hanfon.', 'Gallwch ddechrau’r arolwg eto.'],
  startAgain: 'Dechrau eto',
  surveyClosed: 'Mae’r arolwg hwn wedi cau',
  closedAt: (title, time, isoDay) => `Caeodd ${title} am ${time} UTC ar ${dateIn(welshMonths)(isoDay)}.`,
  closedParagraph: 'Nid yw’n derbyn ymatebion mwyach, ac nid yw dolenni iddo’n gweithio mwyach. Nid yw atebion a gadwoch ond nad oeddech wedi’u hanfon wedi cael eu cyfrif.',
  pageNotFound: 'Heb ddod o hyd i’r dudalen',
  pageNotFoundParagraphs: ['Os gwnaethoch deipio’r cyfeiriad gwe, gwiriwch ei fod yn gywir.', 'Os gwnaethoch ludo’r cyfeiriad gwe, gwiriwch eich bod wedi copïo’r cyfeiriad cyfan.'],
  answersNotSaved: 'Mae’n ddrwg gennym, nid oedd modd cadw eich atebion',
  formRefusedParagraphs: ['Gall hyn ddigwydd os oedd y dudalen ar agor am amser hir, neu os nad yw eich porwr yn derbyn cwcis o’r wefan hon.', 'Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.'],
  serviceProblem: 'Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth',
  serviceProblemParagraphs: ['Rhowch gynnig arall arni yn nes ymlaen. Nid yw unrhyw atebion a gadwoch wedi’u colli.'],
  longDate: dateIn(welshMonths),
  errors: {
    // Welsh question texts do not turn into "Select which…" as English ones do.
    selectWhich: undefined,
    selectMain: undefined,
    selectAnswer: 'Dewiswch ateb',
    selectAtLeastOne: 'Dewiswch o leiaf un ateb',
    selectAtLeastOneOr: (exclusive) => `Dewiswch o leiaf un ateb, neu dewiswch ‘${exclusive}’`,
    enterWholeNumber: 'Rhowch rif cyfan',
    enterNumber: 'Rhowch rif',
    enterAnswer: 'Rhowch eich ateb',
    enterDate: 'Rhowch ddyddiad',
    selectEachStatement: 'Dewiswch ateb ar gyfer pob datganiad',
    exclusiveCombined: (exclusive) => `Dewiswch ‘${exclusive}’ neu un neu fwy o’r atebion eraill, nid y ddau`,
    selectFewer: 'Dewiswch lai o atebion',
    selectNoMoreThan: (max) => `Dewiswch ddim mwy na ${max} o atebion`,
    selectOnce: 'Dewiswch bob ateb unwaith yn unig',
    wholeNumberLike: 'Rhowch rif cyfan, fel 25',
    numberLike: 'Rhowch rif, fel 25',
    numberInRange: 'Rhowch rif yn yr ystod a ofynnwyd amdani',
    range: (integer, min, max) => {
      const kind = integer ? 'rif cyfan' : 'rif';
      if (min !== undefined && max !== undefined) return `Rhowch ${kind} rhwng ${min} a ${max}`;
      if (min !== undefined) return `Rhowch ${kind} sy’n ${min} neu fwy`;
      if (max !== undefined) return `Rhowch ${kind} sy’n ${max} neu lai`;
      return `Rhowch ${kind}`;
    },
    tooLong: (max) => `Rhaid i’ch ateb fod yn ${max.toLocaleString('cy-GB')} o gymeriadau neu lai`,
    answerTooLong: 'Mae eich ateb yn rhy hir',
    enterAgain: 'Rhowch eich ateb eto',
    selectShown: 'Dewiswch un o’r atebion a ddangosir',
    statementRequired: (statement) => `Dewiswch ateb ar gyfer ‘${statement}’`,
    statementInvalid: (statement) => `Dewiswch un o’r atebion a ddangosir ar gyfer ‘${statement}’`,
    dateIncomplete: (parts) => `Rhaid i’r dyddiad gynnwys ${list(parts.map((p) => welshParts[p]), 'a')}`,
    dateNotReal: 'Rhaid i’r dyddiad fod yn ddyddiad go iawn',
    yearFourNumbers: 'Rhaid i’r flwyddyn gynnwys 4 rhif',
    dateTooEarly: (date) => `Rhaid i’r dyddiad fod yr un peth â ${date} neu ar ei ôl`,
    dateTooLate: (date) => `Rhaid i’r dyddiad fod yr un peth â ${date} neu cyn hynny`,
  },
};

const catalogues: Readonly<Record<string, PageMessages>> = { en: english, cy: welsh };

/** The languages Canvass has page texts in. */
export const pageLanguages = Object.keys(catalogues);

/** The page texts in `language`, or English where Canvass has none in it. */
export function pageMessages(language: string): PageMessages {
  return catalogues[language] ?? english;
}

/**
 * Welsh texts written for Canvass and not found published by a GOV.UK service: a translator
 * should review them (the README lists them). Every other Welsh text above is as GOV.UK
 * services publish it.
 */
export const welshForReview: readonly (keyof PageMessages | `errors.${keyof AnswerErrorMessages}`)[] = [
  'serviceInformation', 'menu', 'warning', 'or', 'minutesToComplete', 'invitedAs', 'howAnswersAreUsed', 'privacy', 'runBy', 'continueSaved', 'invitationOnly', 'results', 'readReport',
  'whichOrganisation', 'organisationHint', 'chooseOrganisation', 'selectOrganisation', 'saveAndReturn', 'saveAndComeBack', 'checkAnswers', 'notChosen', 'notAnswered', 'nowSend',
  'declaration', 'sendResponse', 'responseSent', 'yourReference', 'whatHappensNext', 'nextParagraphs', 'answersSaved', 'comeBackUntil', 'resumeWarning', 'continueNow', 'linkExpired',
  'linkExpiredParagraphs', 'surveyClosed', 'closedAt', 'closedParagraph', 'pageNotFound', 'pageNotFoundParagraphs', 'answersNotSaved', 'formRefusedParagraphs', 'serviceProblem', 'serviceProblemParagraphs', 'errors.selectAnswer', 'errors.selectAtLeastOne', 'errors.selectAtLeastOneOr', 'errors.enterWholeNumber', 'errors.enterNumber', 'errors.enterAnswer',
  'errors.enterDate', 'errors.selectEachStatement', 'errors.exclusiveCombined', 'errors.selectFewer', 'errors.selectNoMoreThan', 'errors.selectOnce', 'errors.wholeNumberLike',
  'errors.numberLike', 'errors.numberInRange', 'errors.range', 'errors.tooLong', 'errors.answerTooLong', 'errors.enterAgain', 'errors.selectShown', 'errors.statementRequired',
  'errors.statementInvalid', 'errors.dateIncomplete', 'errors.dateNotReal', 'errors.yearFourNumbers', 'errors.dateTooEarly', 'errors.dateTooLate',
];
