"""Multiple systems estimation: how many entities exist, seen on some list or on none.

Each source (site, agency, NGO) is a "list"; every entity seen is counted under its
capture pattern, the set of lists it appears on. A Poisson log-linear model with main
effects and selected two-list interactions is fitted to the 2^k - 1 observable patterns;
the unseen pattern's expected count is exp(intercept) and the population is the observed
count plus that figure.

Two model-selection procedures, reimplemented from their published descriptions:

- ``bhs``: Bales, Hesketh & Silverman (2015, Significance 12(3)), as in the R package
  modslavmse ``MSEfit``: add the two-list interaction giving the lowest AIC, one at a time;
  stop when the AIC stops improving or the added term's Wald p-value exceeds ``pthresh``
  (0.05). 95% interval from the multinomial profile likelihood.
- ``sparse``: Chan, Silverman & Vincent (2021, JASA), as in the R package SparseMSE
  ``estimatepopulation``: add the interaction with the lowest one-sided Poisson p-value of
  its overlap total while below ``pthresh`` (0.02), skipping any whose maximum likelihood
  estimate would not exist or be identifiable (Fienberg & Rinaldo 2012). Pairs of lists
  with no overlap are handled by removing the patterns containing them. 95% interval
  from a BCa bootstrap (multinomial resampling, jackknife acceleration).

Models are fitted by Newton-Raphson (IRLS for the canonical Poisson link). Every
capture-pattern design column is "pattern contains this set of lists", so X'WX and X'y
are superset sums, computed for all sets at once by a fast zeta transform; a fit of a
5-list model costs a few hundred arithmetic operations per iteration.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from operator import mul
from statistics import NormalDist
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

MAX_LISTS = 10
METHODS = ("bhs", "sparse")
DEFAULT_PTHRESH = {"bhs": 0.05, "sparse": 0.02}
DEFAULT_NBOOT = 1000
DEFAULT_SEED = 1234
CONFIDENCE = 0.95
# 0.95 quantile of chi-squared with one degree of freedom.
_CHI2_1_95 = 3.841458820694124
_MAX_ITER = 60
_NORMAL = NormalDist()

Vector = List[float]
Matrix = List[List[float]]


@dataclass(frozen=True)
class Estimate:
    """A population estimate for one group: the number seen, the total, and its interval.

    ``estimate``, ``ci_low`` and ``ci_high`` are None when the data cannot support them;
    ``warnings`` then says why. ``model`` lists the selected two-list interactions
    ("A:B"); ``lists`` the lists used, in column order.
    """

    observed: int
    estimate: Optional[float]
    ci_low: Optional[float]
    ci_high: Optional[float]
    lists: Tuple[str, ...]
    model: Tuple[str, ...]
    method: str
    warnings: Tuple[str, ...]


class _SingularError(ArithmeticError):
    """The information matrix is not positive definite (parameters not identifiable)."""


@dataclass(frozen=True)
class _Table:
    """Counts by capture pattern: ``counts[mask]``; bit i of mask = on list i."""

    k: int
    counts: Tuple[float, ...]
    observed: int
    supersets: Tuple[float, ...]  # supersets[S] = number seen on every list in S


@dataclass(frozen=True)
class _Fit:
    """A fitted log-linear model. ``mu`` (by pattern) is 0 on removed patterns, and on the
    unseen pattern 0 unless the fit included it (the profile likelihood's full table)."""

    pairs: Tuple[int, ...]  # selected interactions in order, as two-bit masks
    terms: Tuple[int, ...]  # design columns: 0 (intercept), mains, pairs with overlap
    beta: Tuple[float, ...]
    mu: Tuple[float, ...]
    loglik: float
    converged: bool
    hessian: Tuple[Tuple[float, ...], ...]

    @property
    def unseen(self) -> float:
        """Expected count of the pattern seen on no list: exp(intercept)."""
        return math.exp(min(self.beta[0], 700.0))


# --------------------------------------------------------------------------- tables


def _build_table(k: int, counts: Sequence[float]) -> _Table:
    observed = round(sum(counts[1:]))
    return _Table(k, tuple(counts), observed, tuple(_superset_sums(k, counts)))


@lru_cache(maxsize=16)
def _bit_pairs(k: int) -> Tuple[Tuple[int, int], ...]:
    """(S with bit, S without bit) for each bit in turn: the zeta-transform schedule."""
    out: List[Tuple[int, int]] = []
    for bit in range(k):
        b = 1 << bit
        out.extend((s, s ^ b) for s in range(1 << k) if s & b)
    return tuple(out)


@lru_cache(maxsize=16)
def _all_pairs(k: int) -> Tuple[int, ...]:
    """Two-list interactions in R's order: (1,2), (1,3), ..., (1,k), (2,3), ..."""
    return tuple((1 << i) | (1 << j) for i in range(k) for j in range(i + 1, k))


def _superset_sums(k: int, values: Sequence[float]) -> List[float]:
    out = list(values)
    for high, low in _bit_pairs(k):
        out[low] += out[high]
    return out


def _subset_sums(k: int, values: Sequence[float]) -> List[float]:
    out = list(values)
    for high, low in _bit_pairs(k):
        out[high] += out[low]
    return out


@lru_cache(maxsize=4096)
def _structure(
    k: int, pairs: Tuple[int, ...], empty: Tuple[int, ...]
) -> Tuple[Tuple[int, ...], Tuple[bool, ...]]:
    """Design columns and the patterns kept when the pairs in ``empty`` are removed."""
    mains = tuple(1 << i for i in range(k))
    terms = (0, *mains, *(p for p in pairs if p not in empty))
    kept = tuple(c != 0 and not any(c & e == e for e in empty) for c in range(1 << k))
    return terms, kept


def _empty_pairs(table: _Table, pairs: Tuple[int, ...]) -> Tuple[int, ...]:
    return tuple(p for p in pairs if table.supersets[p] <= 0)


# --------------------------------------------------------------------------- linear algebra


def _cholesky(a: Matrix) -> Matrix:
    """Lower-triangular L with L L' = a; raises _SingularError unless a is positive definite."""
    n = len(a)
    low: Matrix = []
    for i in range(n):
        row_i: Vector = []
        a_i = a[i]
        for j in range(i):
            row_j = low[j]
            row_i.append((a_i[j] - sum(map(mul, row_i, row_j))) / row_j[j])
        s = a_i[i] - sum(map(mul, row_i, row_i))
        if s <= 1e-300 or s <= 1e-13 * abs(a_i[i]):
            raise _SingularError("matrix not positive definite")
        row_i.append(math.sqrt(s))
        low.append(row_i)
    return low


def _cholesky_solve(low: Matrix, b: Sequence[float]) -> Vector:
    """x with L L' x = b for L from _cholesky (rows of L hold only their lower part)."""
    n = len(low)
    y: Vector = []
    for i in range(n):
        row = low[i]
        y.append((b[i] - sum(map(mul, row, y))) / row[i])
    x = [0.0] * n
    for i in range(n - 1, -1, -1):
        s = y[i]
        for m in range(i + 1, n):
            s -= low[m][i] * x[m]
        x[i] = s / low[i][i]
    return x


def _row_reduce(rows: Matrix, ncols: int, tol: float = 1e-9) -> Tuple[Matrix, List[int]]:
    """Reduced row echelon form by Gauss-Jordan elimination with partial pivoting."""
    a = [list(r) for r in rows]
    pivots: List[int] = []
    r = 0
    for col in range(ncols):
        if r >= len(a):
            break
        best = max(range(r, len(a)), key=lambda i: abs(a[i][col]))
        if abs(a[best][col]) <= tol:
            continue
        a[r], a[best] = a[best], a[r]
        piv = a[r][col]
        a[r] = [v / piv for v in a[r]]
        for i in range(len(a)):
            if i != r and a[i][col] != 0.0:
                f = a[i][col]
                a[i] = [vi - f * vr for vi, vr in zip(a[i], a[r])]
        pivots.append(col)
        r += 1
    return a[:r], pivots


def _null_space(rows: Matrix, ncols: int) -> Matrix:
    """Basis vectors (as rows) of {x : rows @ x = 0}."""
    reduced, pivots = _row_reduce(rows, ncols)
    free = [c for c in range(ncols) if c not in set(pivots)]
    basis = []
    for f in free:
        v = [0.0] * ncols
        v[f] = 1.0
        for row, pc in zip(reduced, pivots):
            v[pc] = -row[f]
        basis.append(v)
    return basis


def _phase_one_feasible(a: Matrix, b: Sequence[float], tol: float = 1e-9) -> bool:
    """Whether {u >= 0 : a @ u = b} is non-empty (phase I simplex, Bland's rule)."""
    m = len(a)
    if m == 0:
        return True
    n = len(a[0])
    tab = []
    for i in range(m):
        sign = -1.0 if b[i] < 0 else 1.0
        row = [sign * v for v in a[i]] + [1.0 if j == i else 0.0 for j in range(m)]
        row.append(sign * b[i])
        tab.append(row)
    width = n + m
    basis = [n + i for i in range(m)]
    cost = [0.0] * (width + 1)
    for row in tab:
        for j in range(n):
            cost[j] -= row[j]
        cost[width] -= row[width]
    for _ in range(50 * (width + m)):
        enter = next((j for j in range(width) if cost[j] < -tol), -1)
        if enter < 0:
            break
        leave = -1
        best = math.inf
        for i in range(m):
            coef = tab[i][enter]
            if coef > tol:
                ratio = tab[i][width] / coef
                if ratio < best - tol or (abs(ratio - best) <= tol and basis[i] < basis[leave]):
                    best, leave = ratio, i
        if leave < 0:  # cannot happen in phase I (objective bounded below)
            break
        piv_row = tab[leave]
        piv = piv_row[enter]
        piv_row[:] = [v / piv for v in piv_row]
        for i in range(m):
            if i != leave and tab[i][enter] != 0.0:
                f = tab[i][enter]
                tab[i] = [vi - f * vp for vi, vp in zip(tab[i], piv_row)]
        f = cost[enter]
        cost = [vc - f * vp for vc, vp in zip(cost, piv_row)]
        basis[leave] = enter
    scale = 1.0 + sum(abs(v) for v in b)
    return -cost[width] <= 1e-8 * scale


# --------------------------------------------------------------------------- existence


def _mle_exists(table: _Table, pairs: Tuple[int, ...]) -> Tuple[bool, bool]:
    """(exists, identifiable) for the model with these pairs: the Fienberg-Rinaldo check.

    The MLE is finite iff no direction d = X b vanishes on every observed pattern and is
    <= 0, and somewhere < 0, on the unobserved ones. With b = N g for a basis N of the
    null space of the observed patterns' rows, Stiemke's lemma turns that into: some
    w > 0 has (X_zero N)' w = 0, a small phase-I linear program.
    """
    k = table.k
    empty = _empty_pairs(table, pairs)
    terms, kept = _structure(k, pairs, empty)
    if not _identifiable(k, pairs, empty):
        return (True, False)
    positive = [1.0 if kept[c] and table.counts[c] > 0 else 0.0 for c in range(1 << k)]
    zero_cells = [c for c in range(1, 1 << k) if kept[c] and table.counts[c] <= 0]
    if not zero_cells:
        return (True, True)
    # X_P and its Gram matrix X_P'X_P share a null space; the Gram matrix is superset sums.
    basis = _null_space(_gram(k, terms, positive), len(terms))
    if not basis:
        return (True, True)
    b_rows = []
    for v in basis:
        coef = [0.0] * (1 << k)
        for t, value in zip(terms, v):
            coef[t] = value
        direction = _subset_sums(k, coef)  # (X v) at every pattern
        b_rows.append([direction[z] for z in zero_cells])
    rhs = [-sum(row) for row in b_rows]
    return (_phase_one_feasible(b_rows, rhs), True)


def _gram(k: int, terms: Sequence[int], weights: Sequence[float]) -> Matrix:
    """X'WX for the design columns ``terms`` over all patterns, W = diag(weights)."""
    sup = _superset_sums(k, weights)
    return [[sup[a | b] for b in terms] for a in terms]


@lru_cache(maxsize=4096)
def _identifiable(k: int, pairs: Tuple[int, ...], empty: Tuple[int, ...]) -> bool:
    terms, kept = _structure(k, pairs, empty)
    _reduced, pivots = _row_reduce(_gram(k, terms, [1.0 if c else 0.0 for c in kept]), len(terms))
    return len(pivots) == len(terms)


# --------------------------------------------------------------------------- fitting


def _fit(
    table: _Table,
    pairs: Tuple[int, ...],
    start: Optional[Dict[int, float]] = None,
    unseen_count: Optional[float] = None,
) -> _Fit:
    """Poisson maximum likelihood for the model; ``unseen_count`` fits the full table."""
    k = table.k
    size = 1 << k
    empty = _empty_pairs(table, pairs)
    terms, kept = _structure(k, pairs, empty)
    counts = list(table.counts)
    active = list(kept)
    if unseen_count is not None:
        counts[0] = unseen_count
        active[0] = True
    sup_counts = _superset_sums(k, counts)
    target = [sup_counts[t] for t in terms]
    constant = sum(math.lgamma(counts[c] + 1.0) for c in range(size) if active[c])

    def evaluate(beta: Sequence[float]) -> Tuple[List[float], List[float], float]:
        eta = [0.0] * size
        for t, b in zip(terms, beta):
            eta[t] = b
        eta = _subset_sums(k, eta)
        mu = [0.0] * size
        ll = -constant
        for c in range(size):
            if active[c]:
                e = eta[c] if eta[c] < 700.0 else 700.0
                m = math.exp(e)
                mu[c] = m
                ll += counts[c] * e - m
        return eta, mu, ll

    def information(mu: Sequence[float]) -> Tuple[Matrix, List[float]]:
        sup = _superset_sums(k, mu)
        return [[sup[ti | tj] for tj in terms] for ti in terms], sup

    if start is None:
        # glm's start: mu = y + 0.1, then one weighted least squares step on log(mu).
        mu0 = [(counts[c] + 0.1) if active[c] else 0.0 for c in range(size)]
        work = [
            m * (math.log(m) + (counts[c] - m) / m) if m > 0 else 0.0 for c, m in enumerate(mu0)
        ]
        hess, _ = information(mu0)
        rhs_sup = _superset_sums(k, work)
        beta = _cholesky_solve(_cholesky(hess), [rhs_sup[t] for t in terms])
    else:
        beta = [start.get(t, 0.0) for t in terms]
    _eta, mu, ll = evaluate(beta)
    converged = False
    hess, sup = information(mu)
    for iteration in range(_MAX_ITER):
        grad = [target[i] - sup[t] for i, t in enumerate(terms)]
        try:
            step = _cholesky_solve(_cholesky(hess), grad)
        except _SingularError:
            if iteration == 0:
                raise  # the design itself is singular: the model is not identifiable
            # Fitted counts vanishing on some patterns: no finite MLE. Like R's glm, keep
            # the last iterate; its likelihood is the limit's to many digits.
            break
        scale = 1.0
        for _half in range(30):
            trial = [b + scale * s for b, s in zip(beta, step)]
            _eta, mu_t, ll_t = evaluate(trial)
            if ll_t >= ll - 1e-12 * (abs(ll) + 1.0):
                break
            scale *= 0.5
        change = ll_t - ll
        beta, mu, ll = trial, mu_t, ll_t
        hess, sup = information(mu)
        # Newton converges quadratically: after a step this small the error is negligible.
        if max(abs(s) for s in step) * scale < 1e-4 or abs(change) < 1e-11 * (abs(ll) + 0.1):
            converged = max(abs(target[i] - sup[t]) for i, t in enumerate(terms)) < 1e-6 * (
                1.0 + target[0]
            )
            break
    return _Fit(
        pairs=pairs,
        terms=terms,
        beta=tuple(beta),
        mu=tuple(mu),
        loglik=ll,
        converged=converged,
        hessian=tuple(tuple(r) for r in hess),
    )


def _aic(fit: _Fit, k: int) -> float:
    # Pairs with no overlap are parameters fixed at -inf: still counted (as SparseMSE does).
    return -2.0 * fit.loglik + 2.0 * (1 + k + len(fit.pairs))


def _wald_p(fit: _Fit, term: int) -> float:
    """Two-sided Wald p-value of one coefficient (1 when it is not estimable)."""
    if term not in fit.terms:
        return 1.0
    idx = fit.terms.index(term)
    try:
        low = _cholesky([list(r) for r in fit.hessian])
    except _SingularError:
        return 1.0
    unit = [0.0] * len(fit.terms)
    unit[idx] = 1.0
    var = _cholesky_solve(low, unit)[idx]
    if not var > 0:
        return 1.0
    z = abs(fit.beta[idx]) / math.sqrt(var)
    return 2.0 * _NORMAL.cdf(-z)


def _start_with_pair(
    table: _Table, fit: _Fit, fitted: Sequence[float], pair: int
) -> Dict[int, float]:
    """Warm start for fit + pair: the pair's own maximum likelihood with the rest held fixed.

    Adding d to the pair's coefficient scales every fitted count containing the pair by e^d,
    so its score equation alone is solved by d = log(observed / fitted overlap).
    """
    start = _start_from(fit)
    if table.supersets[pair] > 0 and fitted[pair] > 0:
        start[pair] = math.log(table.supersets[pair] / fitted[pair])
    return start


def _start_from(fit: _Fit) -> Dict[int, float]:
    return dict(zip(fit.terms, fit.beta))


# --------------------------------------------------------------------------- special functions


def _gamma_p(a: float, x: float) -> float:
    """Regularized lower incomplete gamma P(a, x) (series; use for x < a + 1)."""
    if x <= 0:
        return 0.0
    term = 1.0 / a
    total = term
    ap = a
    for _ in range(100000):
        ap += 1.0
        term *= x / ap
        total += term
        if term < total * 1e-16:
            break
    return min(1.0, total * math.exp(-x + a * math.log(x) - math.lgamma(a)))


def _gamma_q(a: float, x: float) -> float:
    """Regularized upper incomplete gamma Q(a, x) (continued fraction; x >= a + 1)."""
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return min(1.0, math.exp(-x + a * math.log(x) - math.lgamma(a)) * h)


def _lower_gamma(a: float, x: float) -> float:
    return _gamma_p(a, x) if x < a + 1.0 else 1.0 - _gamma_q(a, x)


def _upper_gamma(a: float, x: float) -> float:
    return 1.0 - _gamma_p(a, x) if x < a + 1.0 else _gamma_q(a, x)


def _poisson_two_sided_tail(n: float, lam: float) -> float:
    """min(P(X <= n), P(X >= n)) for X ~ Poisson(lam), as SparseMSE's stepwise test."""
    if lam <= 0:
        return 1.0
    at_most = _upper_gamma(n + 1.0, lam)
    at_least = 1.0 if n <= 0 else _lower_gamma(n, lam)
    return min(at_most, at_least)


def _digamma(x: float) -> float:
    result = 0.0
    while x < 6.0:
        result -= 1.0 / x
        x += 1.0
    inv = 1.0 / x
    inv2 = inv * inv
    return (
        result
        + math.log(x)
        - 0.5 * inv
        - inv2
        * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))))
    )


# --------------------------------------------------------------------------- model selection


def _select_bhs(table: _Table, pthresh: float) -> Optional[_Fit]:
    """Bales-Hesketh-Silverman: lowest-AIC pair each step; stop on no gain or Wald p > pthresh."""
    try:
        fit = _fit(table, ())
    except _SingularError:
        return None
    aic0 = _aic(fit, table.k)
    candidates = list(_all_pairs(table.k))
    while True:
        best: Optional[Tuple[float, int, _Fit]] = None
        fitted = _superset_sums(table.k, fit.mu)
        for order, pair in enumerate(candidates):
            if pair in fit.pairs:
                continue
            try:
                start = _start_with_pair(table, fit, fitted, pair)
                cand = _fit(table, (*fit.pairs, pair), start=start)
            except _SingularError:
                continue
            aic = _aic(cand, table.k)
            if best is None or aic < best[0]:
                best = (aic, order, cand)
        if best is None or best[0] >= aic0:
            return fit
        new_pair = best[2].pairs[-1]
        if _wald_p(best[2], new_pair) > pthresh:
            return fit
        fit, aic0 = best[2], best[0]


def _select_sparse(
    table: _Table, pthresh: float, start: Optional[Dict[int, float]] = None
) -> Optional[_Fit]:
    """SparseMSE stepwise: add the lowest Poisson p-value pair while below pthresh and valid."""
    exists, identifiable = _mle_exists(table, ())
    if not (exists and identifiable):
        return None
    try:
        fit = _fit(table, (), start=start)
    except _SingularError:
        return None
    pairs = _all_pairs(table.k)
    while True:
        fitted = _superset_sums(table.k, fit.mu)
        ranked = sorted(
            (_poisson_two_sided_tail(table.supersets[pair], fitted[pair]), order)
            for order, pair in enumerate(pairs)
            if pair not in fit.pairs
        )
        chosen = None
        for pval, order in ranked:
            if not pval < pthresh:
                break
            model = (*fit.pairs, pairs[order])
            exists, identifiable = _mle_exists(table, model)
            if exists and identifiable:
                chosen = model
                break
        if chosen is None:
            return fit
        try:
            fit = _fit(table, chosen, start=_start_with_pair(table, fit, fitted, chosen[-1]))
        except _SingularError:
            return fit


# --------------------------------------------------------------------------- intervals


def _profile_interval(table: _Table, fit: _Fit) -> Tuple[Optional[float], Optional[float]]:
    """95% multinomial profile-likelihood interval for the population size."""
    n = table.observed
    warm_beta, warm_total = _start_from(fit), n + fit.unseen

    def loglik(total: float) -> Tuple[float, float]:
        """Profile log-likelihood at ``total`` and its derivative."""
        nonlocal warm_beta, warm_total
        unseen = max(total - n, 0.0)
        start = dict(warm_beta)
        # The fitted counts sum to the total: rescale them to the new one to start.
        start[0] += math.log(total / warm_total)
        f = _fit(table, fit.pairs, start=start, unseen_count=unseen)
        warm_beta, warm_total = _start_from(f), total
        ll = math.lgamma(total + 1.0) - math.lgamma(unseen + 1.0) - total * math.log(total)
        for c, m in enumerate(f.mu):
            cnt = unseen if c == 0 else table.counts[c]
            if cnt > 0:
                ll += cnt * math.log(m)
        slope = _digamma(total + 1.0) - _digamma(unseen + 1.0) + math.log(f.mu[0] / total)
        return ll, slope

    # The Poisson estimate is within a few entities of the multinomial maximum; the
    # likelihood there differs from the maximum by far less than the tolerance of the limits.
    best_n = n + fit.unseen
    best_ll = loglik(best_n)[0]

    def excess(total: float) -> Tuple[float, float]:
        ll, slope = loglik(total)
        return 2.0 * (best_ll - ll) - _CHI2_1_95, -2.0 * slope

    # Wald limits on log(unseen) are the first guesses for the profile limits.
    spread = _NORMAL.inv_cdf(0.5 + CONFIDENCE / 2) * _intercept_sd(fit)

    warm_beta, warm_total = _start_from(fit), best_n
    lower = _lower_limit(excess, float(n), best_n, n + fit.unseen * math.exp(-spread))
    warm_beta, warm_total = _start_from(fit), best_n
    upper = _upper_limit(excess, n, best_n, n + fit.unseen * math.exp(spread))
    return lower, upper


# Profile limits are wanted to a hundredth of an entity; Newton steps on the likelihood-ratio
# excess (which is monotone on each side of the estimate) get there in three or four fits.
_LIMIT_TOLERANCE = 0.01


def _lower_limit(
    excess: Callable[[float], Tuple[float, float]], observed: float, best: float, guess: float
) -> float:
    """Where the excess (falling towards ``best``) crosses zero; ``observed`` if it never does."""
    lo, hi, lo_checked = observed, best, False
    x = min(max(guess, observed), best)
    fx, dfx = excess(x)
    for _ in range(200):
        if fx > 0:
            lo, lo_checked = x, True
        else:
            hi = x
        nxt = x - fx / dfx if dfx < 0 else lo
        if nxt <= lo and not lo_checked:
            at_observed, _slope = excess(observed)
            if at_observed <= 0:
                return observed  # the data cannot rule out that nobody was missed
            lo_checked = True
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi)
        if abs(nxt - x) < _LIMIT_TOLERANCE:
            return nxt
        x = nxt
        fx, dfx = excess(x)
    return x


def _upper_limit(
    excess: Callable[[float], Tuple[float, float]], observed: float, best: float, guess: float
) -> Optional[float]:
    """Where the excess (rising away from ``best``) crosses zero; None if it stays below."""
    cap = 1e12 * (observed + 1.0)
    lo, hi = best, math.inf
    x = max(guess, best)
    fx, dfx = excess(x)
    for _ in range(200):
        if fx > 0:
            hi = x
        else:
            lo = x
        nxt = x - fx / dfx if dfx > 0 else math.inf
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi) if hi < math.inf else observed + 2.0 * (x - observed)
        if abs(nxt - x) < _LIMIT_TOLERANCE:
            return nxt
        if nxt >= cap:
            if x >= cap:
                return None  # still inside the interval at a trillion times the observed
            nxt = cap
        x = nxt
        fx, dfx = excess(x)
    return None if hi == math.inf else x


def _intercept_sd(fit: _Fit) -> float:
    """Standard error of the intercept (log of the unseen count) from the information."""
    unit = [1.0] + [0.0] * (len(fit.terms) - 1)
    try:
        variance = _cholesky_solve(_cholesky([list(r) for r in fit.hessian]), unit)[0]
    except _SingularError:
        return 1.0
    return math.sqrt(max(variance, 1e-12))


def _quantile_type8(sorted_values: Sequence[float], prob: float) -> float:
    """R's quantile(type = 8): median-unbiased, as SparseMSE's bcaconfvalues uses."""
    n = len(sorted_values)
    m = (prob + 1.0) / 3.0
    h = n * prob + m
    j = math.floor(h)
    g = h - j
    below = sorted_values[min(max(j, 1), n) - 1]
    above = sorted_values[min(max(j + 1, 1), n) - 1]
    if g == 0 or below == above:
        return below
    return below + g * (above - below)


def _bca_interval(
    table: _Table, fit: _Fit, pthresh: float, nboot: int, seed: int
) -> Tuple[Optional[float], Optional[float], List[str]]:
    """BCa bootstrap interval as SparseMSE's estimatepopulation (multinomial resamples)."""
    notes: List[str] = []
    rng = random.Random(seed)
    n = table.observed
    popest = n + fit.unseen
    cells = [c for c in range(1, 1 << table.k) if table.counts[c] > 0]
    weights = [table.counts[c] for c in cells]
    start = _start_from(_fit(table, ()))

    def replicate(counts: List[float]) -> float:
        rep = _build_table(table.k, counts)
        chosen = _select_sparse(rep, pthresh, start=start)
        if chosen is None or not chosen.converged:
            return math.inf
        return rep.observed + chosen.unseen

    boot: List[float] = []
    size = 1 << table.k
    index = range(len(cells))
    for _ in range(nboot):
        counts = [0.0] * size
        for i in rng.choices(index, weights=weights, k=n):
            counts[cells[i]] += 1.0
        boot.append(replicate(counts))
    jack = []
    for c in cells:
        counts = list(table.counts)
        counts[c] -= 1.0
        jack.append(replicate(counts))
    ahat = 0.0
    if all(math.isfinite(v) for v in jack):
        mean = sum(w * v for w, v in zip(weights, jack)) / sum(weights)
        resid = [mean - v for v in jack]
        num = sum(w * r**3 for w, r in zip(weights, resid))
        den = 6.0 * sum(w * r * r for w, r in zip(weights, resid)) ** 1.5
        ahat = num / den if den > 0 else 0.0
    else:
        notes.append("jackknife estimate failed on some patterns: acceleration set to 0")
    boot.sort()
    below = sum(1 for v in boot if v < popest) / len(boot)
    if below <= 0.0 or below >= 1.0:
        notes.append("bootstrap estimates all fall on one side of the estimate: no BCa interval")
        return None, None, notes
    z0 = _NORMAL.inv_cdf(below)
    limits: List[Optional[float]] = []
    for alpha in ((1 - CONFIDENCE) / 2, (1 + CONFIDENCE) / 2):
        za = _NORMAL.inv_cdf(alpha) + z0
        q = _NORMAL.cdf(z0 + za / (1.0 - ahat * za))
        value = _quantile_type8(boot, q)
        limits.append(value if math.isfinite(value) else None)
    failed = sum(1 for v in boot if not math.isfinite(v))
    if failed:
        notes.append(f"{failed} of {nboot} bootstrap samples had no finite estimate")
    return limits[0], limits[1], notes


# --------------------------------------------------------------------------- public API


def pattern_counts(
    memberships: Iterable[Iterable[str]], lists: Optional[Sequence[str]] = None
) -> Tuple[Tuple[str, ...], Dict[Tuple[int, ...], int]]:
    """Count entities by capture pattern from each entity's set of list names.

    Returns (lists, counts): lists in the given order, else sorted; counts keyed by 0/1
    tuples in that order. Entities on none of the lists are ignored; a bare string is one
    list name.
    Example: pattern_counts([{"a"}, {"a", "b"}]) -> (("a", "b"), {(1, 0): 1, (1, 1): 1}).
    """
    sets = [
        frozenset([m] if isinstance(m, str) else (str(x) for x in m)) - {""} for m in memberships
    ]
    names = tuple(lists) if lists is not None else tuple(sorted(set().union(*sets)))
    position = {name: i for i, name in enumerate(names)}
    counts: Dict[Tuple[int, ...], int] = {}
    for s in sets:
        key = [0] * len(names)
        for name in s:
            if name in position:
                key[position[name]] = 1
        if any(key):
            counts[tuple(key)] = counts.get(tuple(key), 0) + 1
    return names, counts


def estimate(
    counts: Mapping[Tuple[int, ...], float],
    lists: Sequence[str],
    method: str = "bhs",
    pthresh: Optional[float] = None,
    nboot: int = DEFAULT_NBOOT,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    """Estimate the population size, seen or unseen, from counts by capture pattern.

    ``counts`` maps 0/1 tuples (one position per name in ``lists``) to entity counts;
    missing patterns count 0. ``method`` is "bhs" (profile-likelihood interval) or
    "sparse" (BCa bootstrap with ``nboot`` resamples from ``random.Random(seed)``).
    ``pthresh`` defaults to 0.05 for bhs and 0.02 for sparse. Data that cannot support
    an estimate give estimate None and a reason in ``warnings``; raises ValueError only
    for malformed arguments.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    threshold = DEFAULT_PTHRESH[method] if pthresh is None else float(pthresh)
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"pthresh must be between 0 and 1, got {pthresh!r}")
    if nboot < 1:
        raise ValueError(f"nboot must be a positive integer, got {nboot!r}")
    names = tuple(str(x) for x in lists)
    if len(set(names)) != len(names):
        raise ValueError("list names must be distinct")
    k = len(names)
    dense: Dict[Tuple[int, ...], float] = {}
    for key, value in counts.items():
        if len(key) != k or any(v not in (0, 1) for v in key):
            raise ValueError(f"capture pattern {key!r} must be {k} zeros and ones")
        if value < 0 or value != int(value):
            raise ValueError(f"count for pattern {key!r} must be a non-negative integer")
        if any(key) and value:
            dense[tuple(key)] = dense.get(tuple(key), 0.0) + float(value)
    observed = int(sum(dense.values()))

    def refuse(reason: str, used: Tuple[str, ...] = names, extra: Sequence[str] = ()) -> Estimate:
        return Estimate(observed, None, None, None, used, (), method, (*extra, reason))

    if k > MAX_LISTS:
        return refuse(f"{k} lists: at most {MAX_LISTS} are supported; merge or drop lists")
    notes: List[str] = []
    totals = [sum(v for key, v in dense.items() if key[i]) for i in range(k)]
    used = tuple(i for i in range(k) if totals[i] > 0)
    if len(used) < k:
        dropped = ", ".join(names[i] for i in range(k) if totals[i] == 0)
        notes.append(f"lists with nobody on them were left out: {dropped}")
    used_names = tuple(names[i] for i in used)
    if observed == 0:
        return refuse("no entities observed", used_names, notes)
    if len(used) < 2:
        return refuse(
            "fewer than 2 lists with data: the number never seen cannot be estimated",
            used_names,
            notes,
        )
    k = len(used)
    cells = [0.0] * (1 << k)
    for key, value in dense.items():
        mask = sum(1 << j for j, i in enumerate(used) if key[i])
        cells[mask] += value
    table = _build_table(k, cells)
    if sum(v for c, v in enumerate(cells) if c & (c - 1)) == 0:
        return refuse(
            "no entity is on more than one list: without overlaps the number never seen "
            "cannot be estimated",
            used_names,
            notes,
        )
    for i in range(k):
        if all(table.supersets[(1 << i) | (1 << j)] == 0 for j in range(k) if j != i):
            notes.append(
                f"list {used_names[i]} overlaps no other list: the estimate leans on the "
                "assumption that it is independent of the others"
            )
    exists, identifiable = _mle_exists(table, ())
    if not (exists and identifiable):
        return refuse(
            "the maximum likelihood estimate does not exist for these data (the overlaps are "
            "too sparse): no estimate",
            used_names,
            notes,
        )
    if method == "bhs":
        fit = _select_bhs(table, threshold)
    else:
        fit = _select_sparse(table, threshold)
    if fit is None or not fit.converged:
        return refuse("the model fit did not converge: no estimate", used_names, notes)
    exists, identifiable = _mle_exists(table, fit.pairs)
    if not (exists and identifiable):
        return refuse(
            "the maximum likelihood estimate does not exist for the selected model: no estimate",
            used_names,
            notes,
        )
    total = table.observed + fit.unseen
    model = tuple(_pair_name(p, used_names) for p in fit.pairs)
    if method == "bhs":
        low, high = _profile_interval(table, fit)
    else:
        low, high, boot_notes = _bca_interval(table, fit, threshold, nboot, seed)
        notes.extend(boot_notes)
    if high is None:
        notes.append(
            "the upper limit of the interval is unbounded: the data cannot bound the total"
        )
    empty = _empty_pairs(table, fit.pairs)
    if empty:
        notes.append(
            "pairs of lists with no overlap in the model: "
            + ", ".join(_pair_name(p, used_names) for p in empty)
        )
    return Estimate(observed, total, low, high, used_names, model, method, tuple(notes))


def _pair_name(pair: int, names: Sequence[str]) -> str:
    return ":".join(names[i] for i in range(len(names)) if pair >> i & 1)
