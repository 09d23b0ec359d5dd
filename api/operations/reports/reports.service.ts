import { todayIso } from '../../../graph-schema/calendar.ts';
import { disruptionTactics } from '../../../graph-schema/casework/index.ts';
import { genders, type LevelOfConcern } from '../../../graph-schema/index.ts';
import { analysisQueries } from '../../analysis/analysis.routes.ts';
import type { AnalysisService } from '../../analysis/analysis.service.ts';
import type { Visibility } from '../../auth/viewer.ts';
import { type Graph, graphDate } from '../../db/neo4j.ts';
import type { DashboardService } from '../dashboard/dashboard.service.ts';
import {
  countLevelsOn,
  earlierDay,
  levelOn,
  monthEnd,
  monthlyLevels,
  monthsBetween,
} from '../dashboard/level-history.ts';
import type { StrategicReportConfig } from './report-config.ts';
import {
  actionOutcome,
  actionOutcomes,
  ageBand,
  ageBands,
  decisionKind,
  decisionKinds,
  returnInterviewKind,
  returnInterviewKinds,
} from './report-figures.ts';
import * as cypher from './reports.cypher.ts';
import { type CountTable, markers, type ShownCount, suppress } from './suppression.ts';

export interface ReportPeriod {
  /** The first month, YYYY-MM. */
  from: string;
  /** The last month, YYYY-MM. */
  to: string;
}

/** One table of the report: counts only, small ones withheld. */
export interface ReportTable {
  id: string;
  title: string;
  rowHeader: string;
  columns: string[];
  /** The last row holds the column totals (and the grand total), when the table has them. */
  rows: { label: string; cells: ShownCount[]; total?: ShownCount }[];
  /** The heading of the row totals column, when the table has one. */
  totalHeader?: string;
  note?: string;
}

export interface StrategicReport {
  period: ReportPeriod & { firstDay: string; lastDay: string; months: number };
  generatedOn: string;
  suppression: { threshold: number; small: string; secondary: string; note: string };
  tables: ReportTable[];
}

const genderLabels: Record<(typeof genders)[number], string> = {
  female: 'female',
  male: 'male',
  'non-binary': 'non-binary',
  'not-known': 'not known',
};

const tacticLabels: Record<(typeof disruptionTactics)[number], string> = {
  'child-abduction-warning-notice': 'Child Abduction Warning Notice',
  'sexual-risk-order': 'Sexual Risk Order',
  'sexual-harm-prevention-order': 'Sexual Harm Prevention Order',
  'slavery-trafficking-risk-order': 'Slavery and Trafficking Risk Order',
  'closure-order': 'Closure order',
  'licensing-referral': 'Licensing referral',
  'anpr-marker': 'ANPR marker',
  other: 'Other',
};

interface TableLayout {
  id: string;
  title: string;
  rowHeader: string;
  rows: readonly string[];
  columns: readonly string[];
  cells: number[][];
  rowTotals?: string;
  columnTotals?: string;
  note?: string;
}

/** Counts indexed by row and column label, zero where nothing was counted. */
function tally(rows: readonly string[], columns: readonly string[]) {
  const cells = rows.map(() => columns.map(() => 0));
  return {
    cells,
    add(row: string, column: string, by = 1) {
      const r = rows.indexOf(row);
      const c = columns.indexOf(column);
      if (r === -1 || c === -1) throw new Error(`No cell ${row} × ${column}`);
      (cells[r] as number[])[c] = ((cells[r] as number[])[c] ?? 0) + by;
    },
  };
}

/**
 * The strategic group's report over whole months: anonymised counts of the operations group's work, every count
 * from 1 to the threshold withheld, and any that would give one away. No names, references, ids or dates of birth.
 */
export function reportsService(
  graph: Graph,
  dashboard: DashboardService,
  analysis: AnalysisService,
  config: StrategicReportConfig,
) {
  const rule = { threshold: config.suppressBelow };

  function table(layout: TableLayout): ReportTable {
    const counts: CountTable = {
      cells: layout.cells,
      columns: layout.columns.length,
      rowTotals: layout.rowTotals !== undefined,
      columnTotals: layout.columnTotals !== undefined,
    };
    const shown = suppress(counts, rule);
    const made: ReportTable = {
      id: layout.id,
      title: layout.title,
      rowHeader: layout.rowHeader,
      columns: [...layout.columns],
      rows: layout.rows.map((label, r) => ({
        label,
        cells: shown.cells[r] ?? [],
        ...(shown.rowTotals ? { total: shown.rowTotals[r] ?? 0 } : {}),
      })),
    };
    if (layout.rowTotals) made.totalHeader = layout.rowTotals;
    if (shown.columnTotals) {
      made.rows.push({ label: layout.columnTotals ?? 'Total', cells: shown.columnTotals, ...totalOf(shown.total) });
    }
    if (layout.note) made.note = layout.note;
    return made;
  }

  /** A group some of whose bonds come from links (dated), not only from shared phones or vehicles (undated). */
  const hasDatedEvidence = (group: { bonds: { reasons: { kind: string }[] }[] }) =>
    group.bonds.some((bond) => bond.reasons.some((reason) => reason.kind !== 'phone' && reason.kind !== 'vehicle'));

  return {
    async strategic(period: ReportPeriod, visibility: Visibility): Promise<StrategicReport> {
      const now = todayIso();
      const firstDay = `${period.from}-01`;
      const lastMonthEnd = monthEnd(period.to);
      const lastDay = earlierDay(lastMonthEnd, now);
      const params = {
        from: graphDate(firstDay),
        to: graphDate(lastDay),
        policeIntelligence: visibility.policeIntelligence,
      };
      const read = <Row>(query: string) => graph.read<Row>(query, params, { maxRows: 500_000, timeoutMs: 20_000 });
      const window = { from: firstDay, to: lastDay };
      const [histories, decisions, episodes, tactics, actions, hotspots, groups] = await Promise.all([
        dashboard.levelHistories(visibility),
        read<{ level: LevelOfConcern; previousLevel: LevelOfConcern }>(cypher.levelDecisions),
        read<{ endedOn: string | null; offered: boolean; done: string | null; youngPeople: string[] }>(
          cypher.missingEpisodes,
        ),
        read<{ tactic: (typeof disruptionTactics)[number]; count: number }>(cypher.disruptionTactics),
        read<{ agency: string; status: string; dueOn: string; completedOn: string | null }>(cypher.actionsDue),
        analysis.hotspots(analysisQueries.hotspots.parse({ ...window, limit: '500', memberLimit: '1' }), visibility),
        analysis.groups(analysisQueries.groups.parse({ ...window, limit: '500' }), visibility),
      ]);
      const months = monthsBetween(period.from, period.to);

      const levelColumns = ['Level 1', 'Level 2', 'Level 3'];
      const byMonth = monthlyLevels(histories, months, now);

      const genderColumns = genders.map((gender) => genderLabels[gender]);
      const people = tally(ageBands, genderColumns);
      for (const youngPerson of histories) {
        if (levelOn(youngPerson, lastDay) === null) continue;
        const gender = genders.includes(youngPerson.gender as never)
          ? (youngPerson.gender as (typeof genders)[number])
          : 'not-known';
        people.add(ageBand(youngPerson.dateOfBirth, lastDay), genderLabels[gender]);
      }

      const changes = tally(decisionKinds, ['Decisions']);
      for (const decision of decisions) changes.add(decisionKind(decision.level, decision.previousLevel), 'Decisions');

      const interviewColumns = ['offered', 'not recorded as offered'];
      const interviews = tally(returnInterviewKinds, interviewColumns);
      const missingYoungPeople = new Set<string>();
      for (const episode of episodes) {
        interviews.add(
          returnInterviewKind(episode.endedOn, episode.done),
          interviewColumns[episode.offered ? 0 : 1] as string,
        );
        for (const id of episode.youngPeople) missingYoungPeople.add(id);
      }

      const tacticRows = disruptionTactics.map((tactic) => tacticLabels[tactic]);
      const served = tally(tacticRows, ['Served']);
      for (const row of tactics) served.add(tacticLabels[row.tactic] ?? tacticLabels.other, 'Served', row.count);

      const agencies = [...new Set(actions.map((action) => action.agency))].sort((a, b) => a.localeCompare(b));
      const outcomes = tally(agencies, actionOutcomes);
      for (const action of actions) {
        outcomes.add(action.agency, actionOutcome(action.status, action.dueOn, action.completedOn));
      }

      const atEnd = countLevelsOn(histories, lastDay);
      const tables = [
        table({
          id: 'cases-by-level',
          title: "Cases by level of concern, at each month's end",
          rowHeader: 'Month',
          rows: months,
          columns: levelColumns,
          cells: byMonth.map((month) => [month.levels[1], month.levels[2], month.levels[3]]),
          rowTotals: 'All cases',
          note: 'Rebuilt from the dated level history; the current month is counted as of today.',
        }),
        table({
          id: 'cases-by-age-and-gender',
          title: `Cases by age band and gender, on ${lastDay}`,
          rowHeader: 'Age',
          rows: ageBands,
          columns: genderColumns,
          cells: people.cells,
          rowTotals: 'All',
          columnTotals: 'All ages',
        }),
        table({
          id: 'level-changes',
          title: 'Level decisions in the period: step-ups, step-downs and closures',
          rowHeader: 'Decision',
          rows: decisionKinds,
          columns: ['Decisions'],
          cells: changes.cells,
          columnTotals: 'All decisions',
        }),
        table({
          id: 'missing-episodes',
          title: 'Missing episodes that began in the period, and return interviews',
          rowHeader: 'Return interview',
          rows: returnInterviewKinds,
          columns: interviewColumns,
          cells: interviews.cells,
          rowTotals: 'Episodes',
          columnTotals: 'All episodes',
          note: 'Within 72 hours: done no later than three days after the young person returned.',
        }),
        table({
          id: 'disruption',
          title: 'Disruption tactics served in the period',
          rowHeader: 'Tactic',
          rows: tacticRows,
          columns: ['Served'],
          cells: served.cells,
          columnTotals: 'All tactics',
        }),
        table({
          id: 'actions-by-agency',
          title: 'Actions due in the period, by agency: completed on time (done by their due date)',
          rowHeader: 'Agency',
          rows: agencies,
          columns: actionOutcomes,
          cells: outcomes.cells,
          rowTotals: 'Due',
          columnTotals: 'All agencies',
        }),
        table({
          id: 'figures',
          title: 'Other figures for the period',
          rowHeader: 'Figure',
          rows: [
            'Young people with a missing episode',
            'Hotspots identified (places tied to young people and adults)',
            'Organised groups identified',
            `Current cases on ${lastDay}`,
          ],
          columns: ['Count'],
          note: 'Groups are counted when evidence dated in the period binds them; a group bound only by a shared phone or vehicle (which carry no dates) is not.',
          cells: [
            [missingYoungPeople.size],
            [hotspots.items.length],
            [groups.items.filter(hasDatedEvidence).length],
            [atEnd[1] + atEnd[2] + atEnd[3]],
          ],
        }),
      ];

      return {
        period: { ...period, firstDay, lastDay, months: months.length },
        generatedOn: now,
        suppression: {
          threshold: rule.threshold,
          small: markers.small(rule),
          secondary: markers.secondary,
          note: `Counts from 1 to ${rule.threshold - 1} are shown as ${markers.small(rule)}; ${markers.secondary} marks a count withheld so that a small one cannot be worked out from a total.`,
        },
        tables,
      };
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;

const totalOf = (total: ShownCount | undefined) => (total === undefined ? {} : { total });
