/** Months as whole numbers, so the time slider steps a month at a time. */
export const monthIndex = (isoDate: string) => {
  const [year, month] = isoDate.split('-').map(Number);
  return (year ?? 0) * 12 + ((month ?? 1) - 1);
};

export const monthStart = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;

/** The last day of the month, so a window "to March" includes all of March. */
export const monthEnd = (index: number) => {
  const next = new Date(Date.UTC(Math.floor((index + 1) / 12), (index + 1) % 12, 1));
  next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
};

export const monthLabel = (index: number) =>
  new Date(Date.UTC(Math.floor(index / 12), index % 12, 1)).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
