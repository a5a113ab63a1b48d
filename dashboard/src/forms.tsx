import { type ReactNode, useId, useState } from 'react';
import { type ApiProblem, fieldProblems } from './api-errors.ts';

export type Values = Record<string, string | boolean>;

/** Flat form state keyed by the request's dotted field names, so the API's errors land beside their fields. */
export interface FormState {
  values: Values;
  set(name: string, value: string | boolean): void;
  problem: ApiProblem | null;
  setProblem(problem: ApiProblem | null): void;
  fieldError(name: string): string | undefined;
  /** The problem when no field shows it. */
  unplaced(): ApiProblem | null;
}

export function useFormState(initial: Values, fields: string[]): FormState {
  const [values, setValues] = useState(initial);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const byField = problem ? fieldProblems(problem) : new Map<string, string>();
  // A path inside a field (`filter.clauses.1.key`) belongs to the field (`filter`).
  const about = (field: string) =>
    [...byField].filter(([path]) => path === field || path.startsWith(`${field}.`)).map(([, text]) => text);
  return {
    values,
    set: (name, value) => setValues((v) => ({ ...v, [name]: value })),
    problem,
    setProblem,
    fieldError: (name) => about(name).join('; ') || undefined,
    unplaced: () => (problem && !fields.some((f) => about(f).length > 0) ? problem : null),
  };
}

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
}

function Wrapper({
  form,
  name,
  label,
  hint,
  children,
}: FieldProps & { children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  const error = form.fieldError(name);
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="error" data-field-error={name}>
          {form.problem?.code}: {error}
        </small>
      )}
    </div>
  );
}

export function TextField(
  props: FieldProps & { type?: 'text' | 'number' | 'email' | 'url'; required?: boolean; multiline?: boolean },
) {
  const { form, name, type = 'text', required, multiline } = props;
  const value = String(form.values[name] ?? '');
  return (
    <Wrapper {...props}>
      {(id, describedBy) =>
        multiline ? (
          <textarea
            id={id}
            name={name}
            value={value}
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={form.fieldError(name) ? true : undefined}
            onChange={(e) => form.set(name, e.target.value)}
          />
        ) : (
          <input
            id={id}
            name={name}
            type={type}
            value={value}
            required={required}
            aria-describedby={describedBy}
            aria-invalid={form.fieldError(name) ? true : undefined}
            onChange={(e) => form.set(name, e.target.value)}
          />
        )
      }
    </Wrapper>
  );
}

export function SelectField(props: FieldProps & { options: readonly (string | { value: string; label: string })[] }) {
  const { form, name, options } = props;
  return (
    <Wrapper {...props}>
      {(id, describedBy) => (
        <select
          id={id}
          name={name}
          value={String(form.values[name] ?? '')}
          aria-describedby={describedBy}
          aria-invalid={form.fieldError(name) ? true : undefined}
          onChange={(e) => form.set(name, e.target.value)}
        >
          {options.map((o) => {
            const { value, label } = typeof o === 'string' ? { value: o, label: o || '(none)' } : o;
            return (
              <option key={value} value={value}>
                {label}
              </option>
            );
          })}
        </select>
      )}
    </Wrapper>
  );
}

export function CheckField({ form, name, label }: FieldProps) {
  const id = useId();
  const error = form.fieldError(name);
  return (
    <div className={`field check${error ? ' invalid' : ''}`}>
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={form.values[name] === true}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => form.set(name, e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {error && (
        <small id={`${id}-error`} className="error" data-field-error={name}>
          {form.problem?.code}: {error}
        </small>
      )}
    </div>
  );
}

export function ProblemBanner({ problem }: { problem: ApiProblem | null }) {
  if (!problem) return null;
  return (
    <p role="alert" className="error">
      {problem.code}: {problem.message}
    </p>
  );
}

/** '' is absent; anything else must be a number, or the API's own validation reports it. */
export function numberOrUndefined(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === '' || typeof value === 'boolean') return undefined;
  return Number(value);
}

export function textOrNull(value: string | boolean | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
