/**
 * Shared logic of callbacks that watch a metric (`EarlyStopping`, `ModelCheckpoint`): the `mode`
 * option and, in `"auto"` mode, whether the metric should go down or up.
 */
import { ValueError } from "../core/errors.js";
import { warn } from "./io.js";

/** Direction of improvement: `"min"` (lower is better), `"max"`, or `"auto"` (inferred). */
export type MonitorMode = "auto" | "min" | "max";

/**
 * Validates `mode`, falling back to `"auto"` with a warning, as Keras.
 *
 * @example
 * ```ts
 * checkMode("max", "EarlyStopping"); // "max"
 * ```
 */
export function checkMode(mode: string, className: string): MonitorMode {
  if (mode === "auto" || mode === "min" || mode === "max") return mode;
  warn(`${className} mode '${mode}' is unknown, fallback to auto mode.`);
  return "auto";
}

// Keras reads a metric's `_direction`; keras-ts metrics that lack one are matched by name.
const UP = /acc|auc|precision|recall|f1|fbeta|r2|iou|cosine_similarity|sensitivity|specificity/;
const DOWN = /loss|error|crossentropy|hinge|divergence|poisson|logcosh|mse|mae|mape|msle|rmse/;

function metricDirection(model: any, name: string): "min" | "max" | null {
  const found: any[] = [];
  const visit = (m: any, depth: number) => {
    if (!m || depth > 3) return;
    if (m.name === name) found.push(m);
    if (Array.isArray(m.metrics)) for (const inner of m.metrics) visit(inner, depth + 1);
  };
  let metrics: unknown;
  try {
    metrics = model?.metrics;
  } catch {
    metrics = undefined; // an unbuilt model may refuse to list its metrics
  }
  if (Array.isArray(metrics)) for (const m of metrics) visit(m, 0);
  for (const m of found) {
    const direction = m.direction ?? m._direction;
    if (direction === "up") return "max";
    if (direction === "down") return "min";
  }
  return null;
}

/**
 * The direction in which `monitor` improves. `"auto"`: `loss`/`val_loss` go down; otherwise the
 * model's metric of that name decides (its `direction`), else the metric's name (accuracy, AUC,
 * precision, recall, F-scores, R², IoU go up; losses and errors go down).
 *
 * @throws ValueError when the direction cannot be inferred (pass `mode: "min"` or `"max"`).
 *
 * @example
 * ```ts
 * monitorDirection("val_accuracy", "auto", model, "EarlyStopping"); // "max"
 * ```
 */
export function monitorDirection(
  monitor: string,
  mode: MonitorMode,
  model: any,
  className: string,
): "min" | "max" {
  if (mode !== "auto") return mode;
  const name = monitor.startsWith("val_") ? monitor.slice(4) : monitor;
  if (name === "loss") return "min";
  const fromModel = metricDirection(model, name);
  if (fromModel) return fromModel;
  if (UP.test(name)) return "max";
  if (DOWN.test(name)) return "min";
  throw new ValueError(
    `${className} callback received monitor=${monitor}, but Keras isn't able to automatically ` +
      'determine whether that metric should be maximized or minimized. Pass `mode: "max"` in order ' +
      'to monitor based on the highest metric value, or pass `mode: "min"` in order to use the lowest value.',
    { monitor },
  );
}
