/**
 * L2-regularised logistic regression by Newton's method (IRLS), plain TypeScript, deterministic.
 *
 * Minimises  (1 / W) · Σ_i w_i · logloss(y_i, σ(b + x_i·β))  +  (λ / 2) · ‖β‖²
 * where W = Σ w_i (row weights let a model sub-sample negatives and weight them back up, so its
 * probabilities stay calibrated). The intercept b is not penalised. Features are expected to be
 * standardised, so one λ suits every column. Each step solves the (d+1)×(d+1) Newton system by
 * Cholesky; a step that does not lower the objective is halved (safe on near-separable data).
 */

export interface LogisticFit {
  intercept: number;
  weights: Float64Array;
  iterations: number;
  converged: boolean;
  /** Final value of the objective above. */
  loss: number;
}

export interface LogisticOptions {
  /** λ, the L2 penalty on the weights (default 1e-3). */
  l2?: number;
  maxIterations?: number;
  /** Stop when the largest parameter change is below this (default 1e-8). */
  tolerance?: number;
}

/** The logistic function, safe for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function objective(
  X: Float64Array, y: ArrayLike<number>, w: ArrayLike<number> | undefined, rows: number, d: number,
  b: number, beta: Float64Array, l2: number,
): number {
  let sum = 0, wsum = 0;
  for (let r = 0; r < rows; r++) {
    let z = b;
    const o = r * d;
    for (let j = 0; j < d; j++) z += X[o + j]! * beta[j]!;
    const wr = w ? w[r]! : 1;
    // logloss = softplus(z) − y·z
    sum += wr * (softplus(z) - y[r]! * z);
    wsum += wr;
  }
  let pen = 0;
  for (let j = 0; j < d; j++) pen += beta[j]! * beta[j]!;
  return (wsum > 0 ? sum / wsum : 0) + 0.5 * l2 * pen;
}

/** Solves A x = g in place of g for a symmetric positive-definite A (n×n, row-major); false if not SPD. */
export function choleskySolve(A: Float64Array, g: Float64Array, n: number): boolean {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (s <= 0) return false;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    let s = g[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * g[k]!;
    g[i] = s / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = g[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * g[k]!;
    g[i] = s / L[i * n + i]!;
  }
  return true;
}

/** Fits the model on `rows` rows of the row-major matrix X (d columns), labels y ∈ {0,1}, optional row weights. */
export function fitLogistic(
  X: Float64Array,
  y: ArrayLike<number>,
  d: number,
  opts: LogisticOptions & { weights?: ArrayLike<number> } = {},
): LogisticFit {
  const rows = y.length;
  if (X.length !== rows * d) throw new Error(`feature matrix has ${X.length} values, expected ${rows} × ${d}`);
  const l2 = opts.l2 ?? 1e-3;
  const maxIt = opts.maxIterations ?? 50;
  const tol = opts.tolerance ?? 1e-8;
  const w = opts.weights;
  const p = d + 1; // parameters: intercept first, then the weights
  let wsum = 0;
  for (let r = 0; r < rows; r++) wsum += w ? w[r]! : 1;
  const inv = wsum > 0 ? 1 / wsum : 0;

  let b = 0;
  const beta = new Float64Array(d);
  let loss = objective(X, y, w, rows, d, b, beta, l2);
  let iterations = 0, converged = false;
  const H = new Float64Array(p * p), g = new Float64Array(p), xr = new Float64Array(p);
  const nz = new Int32Array(p); // a row's non-zero parameters: the Hessian costs O(nnz²), so sparse rows are cheap
  xr[0] = 1;
  for (; iterations < maxIt && !converged; iterations++) {
    H.fill(0);
    g.fill(0);
    for (let r = 0; r < rows; r++) {
      const o = r * d;
      let z = b, m = 1;
      nz[0] = 0;
      for (let j = 0; j < d; j++) {
        const v = X[o + j]!;
        xr[j + 1] = v;
        if (v !== 0) {
          z += v * beta[j]!;
          nz[m++] = j + 1;
        }
      }
      const pr = sigmoid(z);
      const wr = (w ? w[r]! : 1) * inv;
      const resid = wr * (pr - y[r]!);
      const curv = wr * pr * (1 - pr);
      for (let a = 0; a < m; a++) {
        const i = nz[a]!;
        const xi = xr[i]!;
        g[i]! += resid * xi;
        const ci = curv * xi;
        if (ci === 0) continue;
        const row = i * p;
        for (let k = 0; k <= a; k++) {
          const j = nz[k]!;
          H[row + j]! += ci * xr[j]!;
        }
      }
    }
    for (let i = 1; i < p; i++) {
      g[i]! += l2 * beta[i - 1]!;
      H[i * p + i]! += l2;
    }
    H[0] = H[0]! + 1e-12; // keeps the system SPD when every row has p ≈ 0 or 1
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) H[i * p + j] = H[j * p + i]!;
    const step = g.slice();
    if (!choleskySolve(H, step, p)) break;
    // Newton step with halving until the objective does not increase.
    let scale = 1, nb = b, nbeta = beta, nloss = loss;
    for (let h = 0; h < 30; h++) {
      nb = b - scale * step[0]!;
      nbeta = new Float64Array(d);
      for (let j = 0; j < d; j++) nbeta[j] = beta[j]! - scale * step[j + 1]!;
      nloss = objective(X, y, w, rows, d, nb, nbeta, l2);
      if (nloss <= loss + 1e-15) break;
      scale /= 2;
    }
    let maxChange = Math.abs(nb - b);
    for (let j = 0; j < d; j++) maxChange = Math.max(maxChange, Math.abs(nbeta[j]! - beta[j]!));
    b = nb;
    beta.set(nbeta);
    loss = nloss;
    if (maxChange < tol) converged = true;
  }
  return { intercept: b, weights: beta, iterations, converged, loss };
}

/** Probability of row `r` of X under a fit. */
export function predictRow(fit: { intercept: number; weights: ArrayLike<number> }, X: ArrayLike<number>, r: number, d: number): number {
  let z = fit.intercept;
  for (let j = 0; j < d; j++) z += X[r * d + j]! * fit.weights[j]!;
  return sigmoid(z);
}
