import { Button, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useKeepFilters } from '../links.ts';

/** Search runs on submit, not on every keystroke: each search is recorded in the audit log. */
export function SearchBox() {
  const [search] = useSearchParams();
  const [term, setTerm] = useState(search.get('q') ?? '');
  const navigate = useNavigate();
  const keepFilters = useKeepFilters();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (term.trim()) navigate(keepFilters('/search', { q: term.trim() }));
  }
  return (
    <search>
      <form className="search" onSubmit={submit}>
        <TextInput
          aria-label="Search by name, alias, reference, phone or postcode"
          placeholder="Name, alias, reference, phone or postcode"
          value={term}
          onChange={(event) => setTerm(event.currentTarget.value)}
          size="sm"
        />
        <Button type="submit" size="sm">
          Search
        </Button>
      </form>
    </search>
  );
}
