/** Attendees as typed, one a line: "Name, Agency". Lines without an agency are refused by the caller. */
export function parseAttendees(text: string): { attendees: { name: string; agency: string }[]; bad: string[] } {
  const attendees: { name: string; agency: string }[] = [];
  const bad: string[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const comma = line.lastIndexOf(',');
    const name = comma > 0 ? line.slice(0, comma).trim() : '';
    const agency = comma > 0 ? line.slice(comma + 1).trim() : '';
    if (name && agency) attendees.push({ name, agency });
    else bad.push(line);
  }
  return { attendees, bad };
}

export const attendeesText = (attendees: readonly { name: string; agency: string }[]) =>
  attendees.map((a) => `${a.name}, ${a.agency}`).join('\n');
