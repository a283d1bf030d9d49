/** A small survey of four organisations, one (Big A) with 40 respondents who say yes far more often than the rest: benchmarks with figures, quartiles and significance. */
export const readinessDefinition = `
format: 1
id: ready
title: Readiness survey
questions:
  - id: ready
    type: single
    text: Is your organisation ready?
    options:
      - { code: yes, label: "Yes" }
      - { code: partly, label: Partly }
      - { code: no, label: "No" }
    nets:
      - { code: at-least-partly, label: At least partly, options: [yes, partly] }
  - id: tools
    type: multiple
    text: Which tools do you use?
    options:
      - { code: email, label: Email }
      - { code: chat, label: Chat }
      - { code: wiki, label: Wiki }
register:
  attributes:
    - id: type
      label: Organisation type
      type: category
      options:
        - { code: county-council, label: County council }
        - { code: district-council, label: District council }
    - { id: nation, label: Nation, type: text }
    - { id: region, label: Region, type: text }
`;
export const readinessRegister = [
  'id,name,type,nation,region,parent,headcount',
  'big-a,Big A,county-council,England,South East,,400',
  'big-b,Big B,county-council,England,North West,,300',
  'mid-c,Mid C,district-council,England,South East,,90',
  'small-d,Small D,district-council,England,North West,,50',
].join('\n');
export const readinessSizes = { 'big-a': 40, 'big-b': 35, 'mid-c': 30, 'small-d': 12 } as const;

/** Big A answers yes far more often than the rest; everything else cycles through the answers. */
export function readinessResponsesCsv(): string {
  const lines = ['org,ready,tools'];
  for (const [org, n] of Object.entries(readinessSizes)) {
    for (let i = 0; i < n; i++) {
      const ready = org === 'big-a' ? (i % 8 === 7 ? 'no' : 'yes') : ['yes', 'partly', 'no', 'partly', 'no'][i % 5];
      const tools = [['email'], ['email', 'chat'], ['wiki'], ['chat', 'wiki'], ['email', 'wiki', 'chat']][(i + org.length) % 5]!;
      lines.push(`${org},${ready},${tools.join(';')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
