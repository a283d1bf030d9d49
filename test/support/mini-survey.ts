/**
 * The small survey the command-line tests import: a single choice, a multiple choice with an
 * exclusive option (left out with `tools: false`), an optional text question, and anything given
 * as `extra` after them; and a register of two organisations.
 */
export function miniDefinition(options: { tools?: boolean; extra?: string } = {}): string {
  const tools = `  - id: tools
    type: multiple
    text: Tools?
    options:
      - { code: email, label: Email }
      - { code: chat, label: Chat }
      - { code: none, label: None, exclusive: true }
`;
  return `
format: 1
id: mini
title: Mini survey
questions:
  - id: colour
    type: single
    text: Favourite colour?
    options:
      - { code: red, label: Red }
      - { code: blue, label: Blue }
${options.tools === false ? '' : tools}  - id: note
    type: text
    required: false
    text: Anything else?
${options.extra ?? ''}`;
}

export const miniRegister = 'id,name,type,nation,region,parent,headcount\norg-a,Org A,london-borough,England,London,,1200\norg-b,Org B,welsh-council,Wales,Wales,,\n';
