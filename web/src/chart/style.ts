import type { StylesheetJson } from 'cytoscape';

/** One shape per side of the Problem Analysis Triangle, and one for events (a triangle observed). */
export const sideShapes = {
  victim: 'ellipse',
  offender: 'triangle',
  location: 'round-hexagon',
  event: 'diamond',
} as const;

export const sideColours = { offender: '#3c4858', location: '#1f7a70', event: '#5b3f8c' } as const;

/** Level of concern colours; the level is also written in the node's label, so colour is never the only cue. */
export const levelColours = { 1: '#e0b000', 2: '#e87a1d', 3: '#c8102e', archived: '#9aa0a6' } as const;

/** The ring around a record under an active disruption; "[disrupted]" in its label says so without colour. */
export const disruptedColour = '#a4007d';

const personLinkColour = '#8a1538';
const placeLinkColour = '#6b7785';

export const chartStyle: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(display)',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#1b1f24',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '2px',
      // A dark outline keeps every shape at 3:1 against the white chart, whatever its fill (WCAG 1.4.11).
      'border-width': 2,
      'border-color': '#1b1f24',
      width: 34,
      height: 34,
    },
  },
  { selector: 'node.victim', style: { shape: sideShapes.victim } },
  { selector: 'node.offender', style: { shape: sideShapes.offender, 'background-color': sideColours.offender } },
  { selector: 'node.location', style: { shape: sideShapes.location, 'background-color': sideColours.location } },
  {
    selector: 'node.event',
    style: { shape: sideShapes.event, 'background-color': sideColours.event, width: 26, height: 26 },
  },
  { selector: 'node.level-1', style: { 'background-color': levelColours[1] } },
  { selector: 'node.level-2', style: { 'background-color': levelColours[2] } },
  { selector: 'node.level-3', style: { 'background-color': levelColours[3], width: 42, height: 42 } },
  { selector: 'node.level-archived', style: { 'background-color': levelColours.archived } },
  { selector: 'node.archived', style: { opacity: 0.45, 'border-style': 'dashed' } },
  {
    selector: 'node.group',
    style: {
      shape: 'round-rectangle',
      'background-color': sideColours.offender,
      'border-width': 4,
      'border-style': 'double',
      width: 64,
      height: 48,
      'font-weight': 'bold',
    },
  },
  { selector: 'node.pinned', style: { 'border-width': 5, 'border-style': 'double' } },
  {
    selector: 'node.disrupted',
    style: { 'outline-width': 4, 'outline-color': disruptedColour, 'outline-offset': 3, 'outline-opacity': 1 },
  },
  {
    selector: 'node:selected',
    style: { 'border-color': '#0b57d0', 'border-width': 4, 'overlay-opacity': 0 },
  },
  {
    selector: 'edge',
    style: {
      width: 2,
      'curve-style': 'bezier',
      'line-color': personLinkColour,
      'target-arrow-shape': 'triangle',
      'target-arrow-color': personLinkColour,
      'arrow-scale': 0.8,
      opacity: 0.9,
    },
  },
  {
    selector: 'edge.link-frequents, edge.link-seen_at, edge.link-lives_at',
    style: { 'line-color': placeLinkColour, 'target-arrow-color': placeLinkColour, width: 1.5 },
  },
  {
    selector: 'edge.link-peer_of, edge.link-family_of',
    style: { 'line-color': '#5b6bbf', 'target-arrow-shape': 'none' },
  },
  { selector: 'edge.weak', style: { 'line-style': 'dashed', opacity: 0.55 } },
  { selector: 'edge.police-only', style: { 'line-style': 'dotted' } },
  { selector: 'edge.link-controls, edge.link-recruits', style: { width: 3 } },
  { selector: 'edge.link-supplies, edge.link-drives', style: { 'target-arrow-shape': 'triangle-backcurve' } },
  { selector: 'edge.link-associate_of', style: { 'line-color': '#3c4858', 'target-arrow-shape': 'none' } },
  { selector: '.dimmed', style: { opacity: 0.15 } },
  {
    selector: 'node.highlighted',
    style: { 'border-color': '#0b57d0', 'border-width': 5, 'font-weight': 'bold', 'z-index': 10 },
  },
  {
    selector: 'edge.highlighted',
    style: { width: 4, 'line-color': '#0b57d0', 'target-arrow-color': '#0b57d0', opacity: 1, 'z-index': 10 },
  },
  { selector: 'edge:selected', style: { width: 4, 'line-color': '#0b57d0', 'target-arrow-color': '#0b57d0' } },
];
