import type { FastifySchemaValidationError } from 'fastify/types/schema';
import { fieldMessages, instantProblem, type FieldError } from '../src/lib/domain';

type SchemaIssue = FastifySchemaValidationError & {
  schema?: unknown;
  /** The value that broke the rule. */
  data?: unknown;
  parentSchema?: { title?: string; properties?: Record<string, { title?: string }>; enum?: unknown[] };
};

/**
 * Turns the request validator's findings into the same field errors, in the same words, that the
 * domain validator gives, so a client sees one vocabulary whichever check caught the mistake.
 * Relies on the validator running with `verbose` (for each rule's schema and its title).
 */
export function toFieldErrors(issues: SchemaIssue[], part: string): FieldError[] {
  const unions = issues.filter((issue) => issue.keyword === 'anyOf');
  const inUnion = (issue: SchemaIssue) => unions.some((union) => issue.schemaPath.startsWith(`${union.schemaPath}/`));
  return issues.flatMap((issue) => {
    if (issue.keyword === 'anyOf') return [unionError(issue, issues, part)];
    // A union's branches each fail in their own way ("must be text", "must be empty", one per
    // literal); the union reports once for all of them.
    return inUnion(issue) ? [] : [fieldError(issue, part)];
  });
}

function unionError(union: SchemaIssue, issues: SchemaIssue[], part: string): FieldError {
  const path = pathOf(union);
  const label = union.parentSchema?.title ?? (path || part);
  const branches = (union.schema ?? []) as { const?: unknown }[];
  if (branches.every((branch) => 'const' in branch)) {
    return { field: path, message: fieldMessages.notOneOf(label, branches.map((branch) => branch.const)) };
  }
  // A nullable value: what the non-null branch says is the useful part.
  const telling = issues.find(
    (issue) => issue.schemaPath.startsWith(`${union.schemaPath}/`) && !(issue.keyword === 'type' && issue.params.type === 'null')
  );
  if (!telling) return { field: path, message: `${label} is not valid.` };
  return fieldError({ ...telling, parentSchema: { ...telling.parentSchema, title: label } }, part);
}

function fieldError(issue: SchemaIssue, part: string): FieldError {
  const path = pathOf(issue);
  const params = issue.params as Record<string, unknown>;
  const label = issue.parentSchema?.title ?? (path || part);

  switch (issue.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      const title = issue.parentSchema?.properties?.[name]?.title ?? name;
      return { field: join(path, name), message: fieldMessages.required(title) };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return { field: join(path, name), message: fieldMessages.unknownField(name, `this ${part}`) };
    }
    case 'type':
      return {
        field: path,
        message: params.type === 'string' ? fieldMessages.notText(label) : fieldMessages.wrongType(label, describeType(params.type))
      };
    case 'minLength':
      return { field: path, message: fieldMessages.required(label) };
    case 'maxLength':
      return { field: path, message: fieldMessages.tooLong(label, Number(params.limit)) };
    case 'format':
      return { field: path, message: formatMessage(label, String(params.format), issue.data) };
    case 'unstorableText':
      return { field: path, message: fieldMessages.unstorable(label) };
    case 'enum':
      return { field: path, message: fieldMessages.notOneOf(label, (params.allowedValues as unknown[]) ?? []) };
    default:
      return { field: path, message: `${label} ${issue.message ?? 'is not valid'}.` };
  }
}

function pathOf(issue: SchemaIssue): string {
  return issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  const words: Record<string, string> = { integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'empty' };
  return types.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

function formatMessage(label: string, format: string, value: unknown): string {
  if (format === 'date-time') {
    const outOfRange = typeof value === 'string' && instantProblem(value) === 'out-of-range';
    return outOfRange ? fieldMessages.instantOutOfRange(label) : fieldMessages.notInstant(label);
  }
  if (format === 'uuid') return fieldMessages.notUuid(label);
  return `${label} must be a valid ${format}.`;
}
