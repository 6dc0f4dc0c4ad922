// The page's colours, one per role (original, tiny) and one per image, the
// same in every chart. Mermaid's xychart draws no legend, so each chart is
// followed by a line of coloured squares: emoji, which GitHub renders in
// light and dark alike, each paired here with the hex its chart uses. The
// hues are GitHub's own mid tones, readable on white and on #0d1117.

export interface Colour {
  readonly emoji: string;
  readonly hex: string;
}

export const roleColours = {
  original: { emoji: "🟧", hex: "#e8772e" },
  tiny: { emoji: "🟦", hex: "#2f81f7" },
} as const satisfies Record<"original" | "tiny", Colour>;

/** Images take these in report order; none of them is a role's. */
const imageColours: readonly Colour[] = [
  { emoji: "🟩", hex: "#2da44e" },
  { emoji: "🟪", hex: "#8250df" },
  { emoji: "🟥", hex: "#cf222e" },
  { emoji: "🟨", hex: "#d4a72c" },
  { emoji: "🟫", hex: "#9a6b3f" },
];

/** Every colour the page may use, by its square: how a reader (or a test) maps a legend back to a chart. */
export const colourOfEmoji: ReadonlyMap<string, string> = new Map(
  [...Object.values(roleColours), ...imageColours].map((c) => [c.emoji, c.hex]),
);

/** The colour of the image at this place in the report (more images than colours repeat them, the legend says which). */
export function imageColour(index: number): Colour {
  return imageColours[index % imageColours.length]!;
}

/** The line under a chart: "🟧 original (debian) · 🟦 tiny (scratch)". */
export function legend(entries: readonly { readonly colour: Colour; readonly name: string }[]): string {
  return entries.map((e) => `${e.colour.emoji} ${e.name}`).join(" · ");
}

/**
 * Mermaid's init line: the series colours in order, and axes, labels and
 * title in a grey that reads on both themes over a transparent background
 * (mermaid's dark theme otherwise draws the chart in a grey box).
 */
export function chartInit(colours: readonly Colour[], height: number): string {
  const grey = "#8b949e";
  const xyChart = {
    backgroundColor: "transparent",
    titleColor: grey,
    xAxisLabelColor: grey,
    xAxisTitleColor: grey,
    xAxisTickColor: grey,
    xAxisLineColor: grey,
    yAxisLabelColor: grey,
    yAxisTitleColor: grey,
    yAxisTickColor: grey,
    yAxisLineColor: grey,
    plotColorPalette: colours.map((c) => c.hex).join(", "),
  };
  return `%%{init: ${JSON.stringify({ themeVariables: { xyChart }, xyChart: { height } })}}%%`;
}
