/**
 * `model.summary()`: Keras 3's summary table, character for character.
 *
 * `renderSummary` turns plain {@link SummaryTable} data into the text; `printSummary` reads a model
 * and prints it.
 */
export {
  renderSummary,
  summaryColumnWidths,
  terminalColumns,
  type ParamStats,
  type RenderOptions,
  type SummaryRow,
  type SummaryTable,
  type SummaryTotals,
} from "./render.js";
export {
  formatCount,
  formatFixed2,
  formatOutputShapes,
  formatSummaryShape,
  readableMemorySize,
  type ShapeStructure,
} from "./format.js";
export {
  columnWidths,
  divideLine,
  pyRound,
  ratioReduce,
  renderTable,
  wrapText,
  type Justify,
  type TableColumn,
} from "./rich-table.js";
export { StyledText, sgr, type Style } from "./styled-text.js";
export {
  dtypeBits,
  printSummary,
  summaryTable,
  summaryText,
  weightStats,
  type SummarizableModel,
  type SummaryOptions,
} from "./print-summary.js";
