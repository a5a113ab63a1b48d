import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type ApiProblem, problemOf } from '../api-errors.ts';
import { CheckField, ProblemBanner, SelectField, TextField, useFormState } from '../forms.tsx';
import { go } from '../router.ts';
import { useClient } from '../session-context.ts';
import { bodyOf, type Item, JsonValueError, type ResourceDefinition, valuesOf } from './definitions.ts';
import { FilterTree } from './FilterTree.tsx';

/** List, create, edit and archive for one resource; `route[0]` is the item being edited, or `new`. */
export function ResourcePage({ definition: d, route }: { definition: ResourceDefinition; route: string[] }) {
  const client = useClient();
  const queries = useQueryClient();
  const [archived, setArchived] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const list = useQuery({ queryKey: [d.path, archived], queryFn: () => d.list(client, archived) });
  const [selected] = route;
  const editing = selected && selected !== 'new' ? list.data?.find((i) => d.idOf(i) === selected) : undefined;

  async function act(action: (id: string) => Promise<unknown>, id: string) {
    setProblem(null);
    try {
      await action(id);
      await queries.invalidateQueries({ queryKey: [d.path] });
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <section>
      <div className="title-row">
        <h1>{d.title}</h1>
        <a className="button" href={`#/${d.path}/new`}>
          New {d.singular}
        </a>
      </div>
      {d.archivable && (
        <label className="radio">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
          Show archived
        </label>
      )}
      {list.error && <ProblemBanner problem={problemOf(list.error)} />}
      <ProblemBanner problem={problem} />
      <table>
        <caption className="visually-hidden">{d.title}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">ID</th>
            {d.path === 'meters' && <th scope="col">Filter</th>}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((item) => {
            const id = d.idOf(item);
            const name = String(item.name ?? id);
            return (
              <tr key={id} aria-current={id === selected ? 'true' : undefined}>
                <td>{name}</td>
                <td>
                  <code>{id}</code>
                </td>
                {d.path === 'meters' && (
                  <td>
                    <FilterTree filter={item.filter} />
                  </td>
                )}
                <td className="actions">
                  {d.update && (
                    <a href={`#/${d.path}/${id}`} aria-label={`Edit ${name}`}>
                      Edit
                    </a>
                  )}
                  {archived && d.unarchive && (
                    <button type="button" onClick={() => act((i) => d.unarchive!(client, i), id)}>
                      Unarchive <span className="visually-hidden">{name}</span>
                    </button>
                  )}
                  {!archived && d.archive && (
                    <button type="button" onClick={() => act((i) => d.archive!(client, i), id)}>
                      Archive <span className="visually-hidden">{name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(selected === 'new' || editing) && (
        <ResourceForm
          key={selected}
          definition={d}
          item={editing ?? null}
          onSaved={async () => {
            await queries.invalidateQueries({ queryKey: [d.path] });
            go(d.path);
          }}
        />
      )}
    </section>
  );
}

function ResourceForm(props: { definition: ResourceDefinition; item: Item | null; onSaved: () => unknown }) {
  const { definition: d, item } = props;
  const client = useClient();
  const fields = item ? d.fields.filter((f) => !f.createOnly) : d.fields;
  const form = useFormState(
    valuesOf(d.fields, item),
    d.fields.map((f) => f.name),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    form.setProblem(null);
    try {
      const body = bodyOf(d.fields, form.values, !item);
      if (item) await d.update!(client, d.idOf(item), body);
      else await d.create(client, body);
      await props.onSaved();
    } catch (e) {
      form.setProblem(e instanceof JsonValueError ? { code: 'INVALID_JSON', message: e.message } : problemOf(e));
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-label={item ? `Edit ${d.singular}` : `New ${d.singular}`}>
      <h2>{item ? `Edit ${String(item.name ?? d.singular)}` : `New ${d.singular}`}</h2>
      {fields.map((f) =>
        f.kind === 'check' ? (
          <CheckField key={f.name} form={form} name={f.name} label={f.label} />
        ) : f.kind === 'select' ? (
          <SelectField key={f.name} form={form} name={f.name} label={f.label} options={f.options ?? []} />
        ) : (
          <TextField
            key={f.name}
            form={form}
            name={f.name}
            label={f.label}
            type={f.kind === 'number' ? 'number' : 'text'}
            multiline={f.kind === 'json'}
          />
        ),
      )}
      <ProblemBanner problem={form.unplaced()} />
      <button type="submit">{item ? 'Save' : `Create ${d.singular}`}</button>
    </form>
  );
}
