/** The users' words for the casework's stored values. */

export const planTypeLabels: Record<string, string> = {
  'child-in-need': 'Child in Need',
  'child-protection': 'Child Protection',
  'looked-after-child': 'Looked After Child',
  'cse-action-plan': 'CSE action plan',
};

export const categoryLabels: Record<string, string> = {
  prepare: 'Prepare',
  prevent: 'Prevent',
  protect: 'Protect',
  pursue: 'Pursue',
};

export const statusLabels: Record<string, string> = {
  open: 'Open',
  overdue: 'Overdue',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const tacticLabels: Record<string, string> = {
  'child-abduction-warning-notice': 'Child Abduction Warning Notice',
  'sexual-risk-order': 'Sexual Risk Order',
  'sexual-harm-prevention-order': 'Sexual Harm Prevention Order',
  'slavery-trafficking-risk-order': 'Slavery and Trafficking Risk Order',
  'closure-order': 'Closure order',
  'licensing-referral': 'Licensing referral',
  'anpr-marker': 'ANPR marker',
  other: 'Other',
};

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
