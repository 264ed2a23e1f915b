"""R's random numbers on numpy: ``set.seed``, ``sample`` (1-based), ``runif``, ``rnorm``, ``rbinom``, ``rmultinom``."""

from __future__ import annotations


import numpy as np


__all__ = ["rng", "set_seed", "sample", "runif", "rnorm", "rbinom", "rmultinom", "mvrnorm", "qnorm", "pnorm", "dnorm"]


_RNG = np.random.default_rng()


def rng():
    """The generator R's random functions draw from (``set.seed`` reseeds it)."""
    return _RNG


def set_seed(seed, kind=None, normal_kind=None, sample_kind=None):
    """R's ``set.seed``: reseeds numpy's generator here and Python's/Keras' where present.

    Differences from R: the same seed gives other numbers than R's Mersenne-Twister would.
    """
    global _RNG
    _RNG = np.random.default_rng(int(seed))
    np.random.seed(int(seed) % 2**32)
    import random
    import sys

    random.seed(int(seed))
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(int(seed) % 2**32)


def sample(x, size=None, replace=False, prob=None):
    """R's ``sample()``: ``sample(n)`` is a permutation of ``1:n`` (1-based)."""
    if isinstance(x, (list, tuple)) and any(not np.isscalar(v) for v in x):
        # a list (of vectors): its elements are drawn, and a list comes back, as in R
        size = len(x) if size is None else int(size)
        p = None if prob is None else np.asarray(prob, dtype=float) / np.sum(prob)
        return [x[int(i)] for i in _RNG.choice(len(x), size=size, replace=bool(replace), p=p)]
    if np.ndim(x) == 0 and not isinstance(x, str) and float(x) >= 1:
        population = np.arange(1, int(x) + 1)
    else:
        population = np.asarray(x)
    size = len(population) if size is None else int(size)
    p = None if prob is None else np.asarray(prob, dtype=float) / np.sum(prob)
    return _RNG.choice(population, size=size, replace=bool(replace), p=p)


def runif(n, min=0.0, max=1.0):
    return _RNG.uniform(min, max, size=_count(n))


def rnorm(n, mean=0.0, sd=1.0):
    return _RNG.normal(mean, sd, size=_count(n))


def rbinom(n, size, prob):
    return _RNG.binomial(size, prob, size=_count(n))


def _count(n):
    return int(n) if np.ndim(n) == 0 else len(n)


def rmultinom(n, size, prob):
    """R's ``rmultinom()``: a matrix with one column of counts per draw."""
    p = np.asarray(prob, dtype=float)
    return _RNG.multinomial(int(size), p / p.sum(), size=int(n)).T


def mvrnorm(n=1, mu=None, Sigma=None, tol=1e-6, empirical=False, EISPACK=False):
    """MASS's ``mvrnorm(n, mu, Sigma)``: ``n`` draws of a multivariate normal, one per row (a
    vector when ``n`` is 1, as MASS returns). ``empirical = TRUE`` is not ported."""
    from .errors import RError

    if empirical:
        raise RError("mvrnorm(empirical = TRUE) is not ported")
    mu = np.ravel(np.asarray(mu, dtype=float))
    sigma = np.asarray(Sigma, dtype=float).reshape(mu.size, mu.size)
    draws = _RNG.multivariate_normal(mu, sigma, size=int(n))
    return draws[0] if int(n) == 1 else draws


def qnorm(p, mean=0.0, sd=1.0, lower_tail=True, log_p=False):
    """R's ``qnorm()``: the normal distribution's quantiles (its inverse CDF), vectorised."""
    from statistics import NormalDist

    probs = np.exp(np.asarray(p, dtype=float)) if log_p else np.asarray(p, dtype=float)
    probs = probs if lower_tail else 1 - probs

    def one(q):
        if np.isnan(q) or q < 0 or q > 1:
            return np.nan
        if q in (0.0, 1.0):
            return -np.inf if q == 0 else np.inf
        return NormalDist().inv_cdf(q)

    out = np.vectorize(one, otypes=[float])(probs) * sd + mean
    return float(out) if out.ndim == 0 else out


def pnorm(q, mean=0.0, sd=1.0, lower_tail=True, log_p=False):
    """R's ``pnorm()``: the normal distribution function, vectorised."""
    from math import erf, sqrt

    z = (np.asarray(q, dtype=float) - mean) / sd
    out = np.vectorize(lambda v: 0.5 * (1 + erf(v / sqrt(2))), otypes=[float])(z)
    out = out if lower_tail else 1 - out
    out = np.log(out) if log_p else out
    return float(out) if out.ndim == 0 else out


def dnorm(x, mean=0.0, sd=1.0, log=False):
    """R's ``dnorm()``: the normal density, vectorised."""
    z = (np.asarray(x, dtype=float) - mean) / sd
    out = np.exp(-0.5 * z ** 2) / (sd * np.sqrt(2 * np.pi))
    out = np.log(out) if log else out
    return float(out) if out.ndim == 0 else out
