/** The condition and filter language: `q = code`, `q in (a, b)`, `q includes code`, `org.type = x`, joined by and/or/not. */

export type FieldRef = { kind: 'question'; id: string } | { kind: 'org'; attribute: string };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Literal = string | number;

export type Expression =
  | { kind: 'and'; left: Expression; right: Expression }
  | { kind: 'or'; left: Expression; right: Expression }
  | { kind: 'not'; operand: Expression }
  | { kind: 'compare'; field: FieldRef; operator: ComparisonOperator; value: Literal; position: number }
  /** `negated`: `q not in (…)`, which like `!=` holds only for those who answered. */
  | { kind: 'in'; field: FieldRef; values: Literal[]; position: number; negated?: true }
  | { kind: 'includes'; field: FieldRef; value: Literal; position: number };

export function fieldName(field: FieldRef): string {
  return field.kind === 'org' ? `org.${field.attribute}` : field.id;
}

/** Every field an expression reads, in order of appearance. */
export function fieldsOf(expression: Expression): Array<{ field: FieldRef; position: number }> {
  switch (expression.kind) {
    case 'and':
    case 'or':
      return [...fieldsOf(expression.left), ...fieldsOf(expression.right)];
    case 'not':
      return fieldsOf(expression.operand);
    default:
      return [{ field: expression.field, position: expression.position }];
  }
}
