/**
 * Licences an open-data package can carry, by their Open Definition ids, the form a Data
 * Package's `licenses[].name` takes. Open Government Licence v3.0 is the default: it is what UK
 * public bodies publish their data under.
 */
export const openDataLicences = {
  'OGL-UK-3.0': { title: 'Open Government Licence v3.0', path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
  'CC-BY-4.0': { title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' },
  'CC0-1.0': { title: 'CC0 1.0 Universal (public domain dedication)', path: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'ODC-BY-1.0': { title: 'Open Data Commons Attribution License 1.0', path: 'https://opendatacommons.org/licenses/by/1-0/' },
  'ODC-PDDL-1.0': { title: 'Open Data Commons Public Domain Dedication and License 1.0', path: 'https://opendatacommons.org/licenses/pddl/1-0/' },
} as const satisfies Record<string, { title: string; path: string }>;

export type OpenDataLicence = keyof typeof openDataLicences;

export const defaultOpenDataLicence: OpenDataLicence = 'OGL-UK-3.0';

export function isOpenDataLicence(id: string): id is OpenDataLicence {
  return Object.hasOwn(openDataLicences, id);
}
