/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS), plus Platt calibration.
 * Written here rather than taken from npm: the packages looked at (ml-logistic-regression)
 * fit by fixed-step gradient descent with no L2 term and no calibration, and their result
 * depends on the step size and iteration count. Newton's method on this small, convex problem
 * (a few dozen features) converges in about ten steps to the one optimum, so the same data
 * always give the same model, whatever the order of the rows.
 */
export interface LogisticModel {
  /** weights[0] is the intercept; weights[1..] go with the standardised features. */
  weights: number[];
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A x = b (A symmetric positive definite) by Cholesky; A is changed. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A;
  for (let j = 0; j < n; j++) {
    let d = L[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    const djj = Math.sqrt(Math.max(d, 1e-12));
    L[j]![j] = djj;
    for (let i = j + 1; i < n; i++) {
      let s = L[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / djj;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
    y[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/** Fits rows (already standardised) to 0/1 labels; `lambda` is the L2 penalty (not on the intercept). */
export function fitLogistic(rows: readonly Float64Array[], labels: readonly number[], lambda = 1): LogisticModel {
  const d = (rows[0]?.length ?? 0) + 1;
  let w = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const g = new Array<number>(d).fill(0);
    for (let r = 0; r < rows.length; r++) {
      const x = rows[r]!;
      const p = sigmoid(predictRaw(w, x));
      const e = p - labels[r]!;
      const s = Math.max(p * (1 - p), 1e-9);
      g[0]! += e;
      H[0]![0]! += s;
      for (let i = 0; i < x.length; i++) {
        const xi = x[i]!;
        g[i + 1]! += e * xi;
        H[0]![i + 1]! += s * xi;
        for (let j = 0; j <= i; j++) H[i + 1]![j + 1]! += s * xi * x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      g[i]! += lambda * w[i]!;
      H[i]![i]! += lambda;
    }
    H[0]![0]! += 1e-6;
    // The loop above wrote the intercept's row and the features' lower triangle: mirror both.
    for (let i = 1; i < d; i++) H[i]![0] = H[0]![i]!;
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) H[i]![j] = H[j]![i]!;
    const step = solve(H, g);
    let moved = 0;
    w = w.map((v, i) => {
      moved = Math.max(moved, Math.abs(step[i]!));
      return v - step[i]!;
    });
    if (moved < 1e-8) break;
  }
  return { weights: w };
}

export function predictRaw(weights: readonly number[], x: ArrayLike<number>): number {
  let z = weights[0]!;
  for (let i = 0; i < x.length; i++) z += weights[i + 1]! * x[i]!;
  return z;
}

/** Platt scaling: p = sigmoid(a * z + b), fitted on held-out raw scores. */
export interface Platt {
  a: number;
  b: number;
}

export function fitPlatt(scores: readonly number[], labels: readonly number[]): Platt {
  const m = fitLogistic(
    scores.map((s) => Float64Array.of(s)),
    labels,
    1e-3,
  );
  return { a: m.weights[1]!, b: m.weights[0]! };
}

export const calibrated = (p: Platt, z: number) => sigmoid(p.a * z + p.b);
export { sigmoid };
