import type { Organisation } from '../src/register/organisation.js';
import type { SeededRandom } from './seeded-random.js';

/** How the register is made up, roughly as UK public bodies are (per 1,000 organisations). */
const typeShares = {
  'district-council': 160,
  'county-council': 25,
  'unitary-authority': 60,
  'metropolitan-borough': 36,
  'london-borough': 33,
  'scottish-council': 32,
  'welsh-council': 22,
  'northern-ireland-council': 11,
  'ministerial-department': 24,
  'non-ministerial-department': 20,
  'executive-agency': 90,
  'other-public-body': 487,
} as const;

/** The bench register's organisation types (the built-in survey's register declares the same codes). */
type OrgType = keyof typeof typeShares;
const orgTypes = Object.keys(typeShares) as OrgType[];

const englishRegions = ['North East', 'North West', 'Yorkshire and the Humber', 'East Midlands', 'West Midlands', 'East of England', 'London', 'South East', 'South West'];

export interface NationalRegister {
  organisations: Organisation[];
  /** Respondents each organisation gives; they add up to the survey's respondents. */
  respondents: Int32Array;
}

/**
 * A register of organisations with types, nations, regions, parents (agencies under
 * departments) and headcounts, and how many respondents each gives: sizes are log-normal, so
 * a few large departments give tens of thousands and some small bodies fewer than ten (which
 * disclosure control must suppress). Headcount is respondents over a response rate of 25–85%,
 * so the default design has strata = organisation with a finite population correction.
 */
export function generateRegister(count: number, respondents: number, random: SeededRandom): NationalRegister {
  if (respondents < count) throw new Error(`${respondents} respondents cannot cover ${count} organisations`);
  const types = typesFor(count);
  const departments: string[] = [];
  const organisations = types.map((type, i): Organisation => {
    const id = `org-${String(i + 1).padStart(4, '0')}`;
    const nation = nationOf(type, random);
    const region = nation === 'England' ? (type === 'london-borough' ? 'London' : englishRegions[random.below(englishRegions.length)]) : undefined;
    if (type === 'ministerial-department') departments.push(id);
    const parent = type === 'executive-agency' && departments.length > 0 ? departments[random.below(departments.length)] : undefined;
    return { id, name: `Organisation ${i + 1} (${type})`, type, nation, ...(region ? { region } : {}), ...(parent ? { parent } : {}) };
  });
  const sizes = organisationSizes(count, respondents, random);
  organisations.forEach((org, i) => {
    org.headcount = Math.ceil(sizes[i]! / (0.25 + 0.6 * random.uniform()));
  });
  return { organisations, respondents: sizes };
}

/** Types in proportion to {@link typeShares}, departments first (agencies name one as parent), then shuffled within the rest. */
function typesFor(count: number): OrgType[] {
  const total = Object.values(typeShares).reduce((a, b) => a + b, 0);
  const ordered = ['ministerial-department', ...orgTypes.filter((t) => t !== 'ministerial-department')] as OrgType[];
  const types: OrgType[] = [];
  for (const type of ordered) {
    const wanted = Math.max(1, Math.round((typeShares[type] * count) / total));
    for (let k = 0; k < wanted && types.length < count; k++) types.push(type);
  }
  while (types.length < count) types.push('other-public-body');
  return types;
}

function nationOf(type: OrgType, random: SeededRandom): string {
  switch (type) {
    case 'scottish-council':
      return 'Scotland';
    case 'welsh-council':
      return 'Wales';
    case 'northern-ireland-council':
      return 'Northern Ireland';
    case 'ministerial-department':
    case 'non-ministerial-department':
    case 'executive-agency':
      return 'UK';
    case 'other-public-body': {
      const u = random.uniform();
      return u < 0.75 ? 'England' : u < 0.85 ? 'Scotland' : u < 0.92 ? 'Wales' : u < 0.96 ? 'Northern Ireland' : 'UK';
    }
    default:
      return 'England';
  }
}

/** Log-normal sizes (σ = 1.3), at least 2 each, scaled to add up to `total` exactly. */
function organisationSizes(count: number, total: number, random: SeededRandom): Int32Array {
  const raw = Array.from({ length: count }, () => Math.exp(1.3 * random.normal()));
  const sum = raw.reduce((a, b) => a + b, 0);
  const floor = Math.min(2, Math.floor(total / count));
  const sizes = Int32Array.from(raw, (r) => Math.max(floor, Math.floor((r / sum) * total)));
  let excess = sizes.reduce((a, b) => a + b, 0) - total;
  // Round off on the largest organisations, where one respondent more or less changes nothing.
  const bySize = [...sizes.keys()].sort((a, b) => sizes[b]! - sizes[a]!);
  for (let k = 0; excess !== 0; k = (k + 1) % count) {
    const i = bySize[k]!;
    if (excess > 0 && sizes[i]! <= floor) continue;
    sizes[i]! -= Math.sign(excess);
    excess -= Math.sign(excess);
  }
  return sizes;
}
