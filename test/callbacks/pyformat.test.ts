// Python's number formatting (f"{v:.4f}", "%.4e", str(v), format specs), checked against goldens
// that Python itself printed (fixtures/gen_pyformat.py → fixtures/pyformat.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatExp, formatFixed, pyFloatStr, pyFormat } from "../../src/callbacks/pyformat.js";

interface Case {
  v: string;
  f4: string;
  f0: string;
  f5: string;
  e4: string;
  e0: string;
  s: string;
  g3: string;
  w: string;
}

const cases: Case[] = JSON.parse(
  readFileSync(fileURLToPath(new URL("./fixtures/pyformat.json", import.meta.url)), "utf8"),
);

const parse = (v: string) =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v);

test("formatFixed, formatExp, pyFloatStr and pyFormat match Python on 278 values", () => {
  assert.ok(cases.length > 250);
  for (const c of cases) {
    const v = parse(c.v);
    const got: Case = {
      v: c.v,
      f4: formatFixed(v, 4),
      f0: formatFixed(v, 0),
      f5: formatFixed(v, 5),
      e4: formatExp(v, 4),
      e0: formatExp(v, 0),
      s: pyFloatStr(v),
      g3: pyFormat("{x:.3g}", { x: v }),
      w: pyFormat("{x:>12.2f}", { x: v }),
    };
    assert.deepEqual(got, c);
  }
});

test("ties round half to even on the exact binary value, unlike toFixed", () => {
  assert.equal(formatFixed(2.5, 0), "2");
  assert.equal((2.5).toFixed(0), "3");
  assert.equal(formatFixed(0.125, 2), "0.12");
  assert.equal(formatFixed(0.375, 2), "0.38");
  assert.equal(formatFixed(9.99996, 4), "10.0000");
  assert.equal(formatExp(9.99996e-9, 4), "1.0000e-08");
});

test("pyFormat: {epoch:02d} and {val_loss:.2f} fields, plain fields, escaped braces, errors", () => {
  const values = { epoch: 3, val_loss: 0.12345, loss: 1 };
  assert.equal(pyFormat("w.{epoch:02d}-{val_loss:.2f}.keras", values, ["epoch"]), "w.03-0.12.keras");
  assert.equal(pyFormat("{epoch}/{loss}/{{x}}", values, ["epoch"]), "3/1.0/{x}");
  assert.equal(pyFormat("{epoch:03d}|{loss:<6}|{loss:+.1f}", values, ["epoch"]), "003|1.0   |+1.0");
  assert.throws(() => pyFormat("{missing}", values), /Failed to format this callback filepath/);
  assert.throws(() => pyFormat("{val_loss:d}", values), /format code 'd'/);
});
