import { type Static, Type } from '@sinclair/typebox';
import { Nullable, OptionalNullable, PageQuery, StringEnum } from '../../http/schemas.ts';

// Wire shapes of /meters, named after the spec's components.

export const AggregationType = StringEnum(['count', 'sum', 'max', 'last'], { title: 'AggregationType' });

export const MeterAggregation = Type.Object(
  {
    type: AggregationType,
    key: OptionalNullable(
      Type.String({ minLength: 1, description: 'The event property to aggregate; required unless type is count' }),
    ),
  },
  { title: 'Meter Aggregation' },
);

export const FilterOperator = StringEnum(
  [
    'equals',
    'not_equals',
    'greater_than',
    'greater_than_or_equals',
    'less_than',
    'less_than_or_equals',
    'contains',
    'does_not_contain',
  ],
  { title: 'FilterOperator' },
);

export const Conjunction = StringEnum(['and', 'or'], { title: 'Conjunction' });

/** Clauses per level, and levels of nesting (the top filter is level 1); the depth is checked by the service. */
export const FILTER_LIMITS = { clauses: 10, depth: 3 } as const;

export const MeterFilterCondition = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100, description: 'Event property to compare' }),
    operator: FilterOperator,
    value: Type.Union([Type.String(), Type.Number(), Type.Boolean()], { title: 'Filter Value' }),
  },
  // Closed, like the filter: a clause is told apart by its keys, so a condition carrying `clauses` is neither.
  { title: 'Meter Filter Condition', additionalProperties: false },
);

const clauseList = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Array(item, { minItems: 1, maxItems: FILTER_LIMITS.clauses });

/** Clauses are either all conditions or all nested filters, never a mix (spec `FilterType`). */
export const MeterFilter = Type.Recursive(
  (Self) =>
    Type.Object(
      {
        conjunction: Conjunction,
        clauses: Type.Union([clauseList(MeterFilterCondition), clauseList(Self)], { title: 'FilterType' }),
      },
      { additionalProperties: false },
    ),
  { $id: 'MeterFilter', title: 'Meter Filter' },
);

const required = {
  name: Type.String({ minLength: 1, description: 'Name of the meter' }),
  event_name: Type.String({ minLength: 1, description: 'Event name to count; case-sensitive' }),
  measurement_unit: Type.String({ minLength: 1 }),
  aggregation: MeterAggregation,
};

export const CreateMeterRequest = Type.Object(
  { ...required, description: OptionalNullable(Type.String()), filter: OptionalNullable(MeterFilter) },
  { title: 'CreateMeterRequest' },
);

export const Meter = Type.Object(
  {
    id: Type.String(),
    business_id: Type.String(),
    ...required,
    description: Nullable(Type.String()),
    filter: Nullable(MeterFilter),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { title: 'MeterResponse' },
);

export const ListMetersQuery = Type.Object({
  ...PageQuery,
  archived: Type.Optional(Type.Boolean({ description: 'List archived meters instead of active ones' })),
});

export type Meter = Static<typeof Meter>;
export type MeterFilter = Static<typeof MeterFilter>;
export type CreateMeterRequest = Static<typeof CreateMeterRequest>;
export type ListMetersQuery = Static<typeof ListMetersQuery>;
