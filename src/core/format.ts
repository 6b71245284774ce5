/**
 * NumPy-like text for tensors, used by `Tensor.toString()`.
 */
import type { TensorData } from "./tensor.js";
import { formatShape, sizeOf } from "./shape.js";

function formatValue(v: number, data: TensorData): string {
  if (data.dtype === "bool") return v ? "True" : "False";
  if (data.dtype !== "float32" && data.dtype !== "float64") return String(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const digits = data.dtype === "float32" ? 7 : 15;
  return Number.isInteger(v) ? `${v}.` : String(Number(v.toPrecision(digits)));
}

/** Formats a tensor's values as nested brackets, padded to equal width, then `shape=..., dtype=...`. */
export function formatTensor(data: TensorData): string {
  const cells = Array.from(data.values, (v) => formatValue(v, data));
  const width = Math.max(0, ...cells.map((c) => c.length));
  const pad = (s: string) => s.padStart(width);
  const shape = data.shape;
  const build = (dim: number, offset: number, indent: string): string => {
    if (dim === shape.length) return pad(cells[offset]!);
    const n = shape[dim]!;
    const step = sizeOf(shape.slice(dim + 1));
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(build(dim + 1, offset + i * step, indent + " "));
    const sep = dim === shape.length - 1 ? ", " : "," + "\n".repeat(shape.length - dim - 1) + indent + " ";
    return "[" + parts.join(sep) + "]";
  };
  return `${build(0, 0, "")}, shape=${formatShape(shape)}, dtype=${data.dtype}`;
}
