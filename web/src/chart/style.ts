import type { StylesheetJson } from 'cytoscape';

/** One shape per side of the Problem Analysis Triangle. */
export const sideShapes = { victim: 'ellipse', offender: 'triangle', location: 'round-hexagon' } as const;

export const sideColours = { offender: '#3c4858', location: '#1f7a70' } as const;

/** Level of concern colours; the level is also written in the node's label, so colour is never the only cue. */
export const levelColours = { 1: '#e0b000', 2: '#e87a1d', 3: '#c8102e', archived: '#9aa0a6' } as const;

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
      'border-width': 2,
      'border-color': '#ffffff',
      width: 34,
      height: 34,
    },
  },
  { selector: 'node.victim', style: { shape: sideShapes.victim } },
  { selector: 'node.offender', style: { shape: sideShapes.offender, 'background-color': sideColours.offender } },
  { selector: 'node.location', style: { shape: sideShapes.location, 'background-color': sideColours.location } },
  { selector: 'node.level-1', style: { 'background-color': levelColours[1] } },
  { selector: 'node.level-2', style: { 'background-color': levelColours[2] } },
  { selector: 'node.level-3', style: { 'background-color': levelColours[3], width: 42, height: 42 } },
  { selector: 'node.level-archived', style: { 'background-color': levelColours.archived } },
  { selector: 'node.archived', style: { opacity: 0.45 } },
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
  { selector: 'edge:selected', style: { width: 4, 'line-color': '#0b57d0', 'target-arrow-color': '#0b57d0' } },
];
