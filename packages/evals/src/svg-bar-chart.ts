import { escapeHtml } from "./escape-html.js";

/** One group of bars: a label and one value per series (`null` draws no bar: no value there). */
export interface BarGroup {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** What a horizontal grouped bar chart shows. */
export interface BarChart {
  readonly title: string;
  /** The series' names, in the order of each group's values; each gets a colour and a legend entry. */
  readonly series: readonly string[];
  readonly groups: readonly BarGroup[];
  /** How a value is written next to its bar. */
  readonly formatValue: (value: number) => string;
  /** The axis maximum; default a round number above the largest value. */
  readonly maximum?: number;
}

/** Okabe–Ito colours, told apart with every common kind of colour blindness. */
export const seriesColors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F", "#F0E442"] as const;

const width = 600;
const labelWidth = 170;
const valueWidth = 72;
const barHeight = 16;
const barGap = 3;
const groupGap = 12;
const legendRowHeight = 22;
const axisHeight = 22;
const labelCharacters = 24;

/** The color of series `index`. */
export function seriesColor(index: number): string {
  return seriesColors[index % seriesColors.length] as string;
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value`. */
function roundUp(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((multiple) => multiple * power >= value) ?? 10;
  return step * power;
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length <= labelCharacters ? text : `${characters.slice(0, labelCharacters - 1).join("")}…`;
}

/**
 * A horizontal grouped bar chart as an inline SVG (no script, no font, no
 * network): a legend of the series, one band per group with a bar per
 * series, the value at the end of each bar, gridlines at quarters of the
 * axis. Every bar has a tooltip (`<title>`) with its series, group and value.
 */
export function svgBarChart(chart: BarChart): string {
  const maximum = chart.maximum ?? roundUp(Math.max(0, ...chart.groups.flatMap((group) => group.values.filter((value): value is number => value !== null))));
  const plotWidth = width - labelWidth - valueWidth;
  const legendPerRow = 2;
  const legendHeight = Math.ceil(chart.series.length / legendPerRow) * legendRowHeight;
  const bandHeight = chart.series.length * (barHeight + barGap) - barGap;
  const plotTop = legendHeight + 8;
  const plotHeight = chart.groups.length * (bandHeight + groupGap);
  const height = plotTop + plotHeight + axisHeight;
  const x = (value: number): number => labelWidth + (Math.min(value, maximum) / maximum) * plotWidth;
  const parts: string[] = [];
  chart.series.forEach((name, index) => {
    const left = (index % legendPerRow) * ((width - 10) / legendPerRow);
    const top = Math.floor(index / legendPerRow) * legendRowHeight;
    parts.push(
      `<g class="legend-entry"><rect x="${left}" y="${top + 4}" width="13" height="13" rx="2" fill="${seriesColor(index)}"/><text x="${left + 19}" y="${top + 15}">${escapeHtml(shorten(name))}</text></g>`,
    );
  });
  for (let quarter = 0; quarter <= 4; quarter += 1) {
    const value = (maximum * quarter) / 4;
    const left = x(value).toFixed(1);
    parts.push(`<line class="grid" x1="${left}" x2="${left}" y1="${plotTop}" y2="${plotTop + plotHeight}"/>`);
    parts.push(`<text class="tick" x="${left}" y="${height - 6}" text-anchor="middle">${escapeHtml(chart.formatValue(value))}</text>`);
  }
  chart.groups.forEach((group, groupIndex) => {
    const top = plotTop + groupIndex * (bandHeight + groupGap) + groupGap / 2;
    parts.push(
      `<g><title>${escapeHtml(group.label)}</title><text class="group-label" x="${labelWidth - 8}" y="${top + bandHeight / 2 + 4}" text-anchor="end">${escapeHtml(shorten(group.label))}</text></g>`,
    );
    group.values.forEach((value, seriesIndex) => {
      if (value === null) return;
      const barTop = top + seriesIndex * (barHeight + barGap);
      const barWidth = Math.max(value > 0 ? 1 : 0, x(value) - labelWidth);
      const text = chart.formatValue(value);
      const series = chart.series[seriesIndex] ?? "";
      parts.push(
        `<rect class="bar" x="${labelWidth}" y="${barTop}" width="${barWidth.toFixed(1)}" height="${barHeight}" rx="2" fill="${seriesColor(seriesIndex)}"><title>${escapeHtml(`${series} · ${group.label}: ${text}`)}</title></rect>`,
        `<text class="value" x="${(labelWidth + barWidth + 5).toFixed(1)}" y="${barTop + barHeight - 4}">${escapeHtml(text)}</text>`,
      );
    });
  });
  const label = escapeHtml(chart.title);
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${label}"><title>${label}</title>${parts.join("")}</svg>`;
}
