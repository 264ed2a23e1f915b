"""rbase's recycling (array, matrix, rep, cbind) and one-cell indexing give R's values.

These guard the fast paths (no ``np.resize`` tuple of one-item arrays, no array
conversions for ``x[i, j]`` with whole numbers) against changing any result.
"""

from __future__ import annotations

import numpy as np
import pytest

from rkeras import rbase


def test_array_of_one_value_fills_every_cell_with_its_type():
    a = rbase.array(0, rbase.c(2, 3, 4))
    assert a.shape == (2, 3, 4) and (a == 0).all()
    assert a.flags.f_contiguous  # R's column-major layout
    assert a.dtype == np.float64   # R's 0 is a double
    assert rbase.array(rbase.colon(1, 2), 2).dtype.kind == "i"   # 1:2 is an integer vector
    s = rbase.array("a", 3)
    assert list(s) == ["a", "a", "a"]


def test_array_recycles_a_shorter_vector_in_column_major_order():
    # R: array(1:5, dim = c(2, 4)) -> columns (1,2) (3,4) (5,1) (2,3)
    a = rbase.array(rbase.colon(1, 5), rbase.c(2, 4))
    assert a.tolist() == [[1, 3, 5, 2], [2, 4, 1, 3]]
    # longer data than cells: the first ones (R: array(1:6, 4) is 1 2 3 4)
    assert rbase.array(rbase.colon(1, 6), 4).tolist() == [1, 2, 3, 4]


def test_matrix_rep_and_cbind_recycle_as_r_does():
    # R: matrix(1:3, nrow = 2, ncol = 3) -> rows (1,3,2) (2,1,3)
    assert rbase.matrix(rbase.colon(1, 3), 2, 3).tolist() == [[1, 3, 2], [2, 1, 3]]
    assert rbase.matrix(7, 2, 2).tolist() == [[7, 7], [7, 7]]
    assert rbase.rep(rbase.colon(1, 3), length_out=7).tolist() == [1, 2, 3, 1, 2, 3, 1]
    assert rbase.rep(rbase.colon(1, 3), length_out=2).tolist() == [1, 2]
    assert rbase.cbind(rbase.colon(1, 3), 5).tolist() == [[1, 5], [2, 5], [3, 5]]


def test_one_cell_of_an_array_is_a_plain_value():
    a = np.arange(24).reshape(2, 3, 4)
    assert rbase.subset(a, 2, 3, 4) == 23 and type(rbase.subset(a, 2, 3, 4)) is int
    v = np.array([5.0, 6.0, 7.0])
    assert rbase.subset(v, np.int64(2)) == 6.0 and type(rbase.subset(v, 2)) is float
    assert rbase.subset(np.array(["a", "b"], dtype=object), 2) == "b"
    # not one cell: the general rules still apply (TRUE recycles, -1 drops, 0 is empty)
    assert rbase.subset(v, True).tolist() == [5.0, 6.0, 7.0]
    assert rbase.subset(v, -1).tolist() == [6.0, 7.0]
    assert rbase.subset(v, 0).tolist() == []
    assert rbase.subset(a, 2, None, 1).tolist() == [12, 16, 20]
    # past the end: a vector gives NA as R does, an array's subscript is out of bounds
    assert np.isnan(rbase.subset(v, 4))
    with pytest.raises(Exception, match="out of bounds"):
        rbase.subset(a, 3, 1, 1)


def test_assign_one_cell_in_place():
    a = np.zeros((2, 2))
    out = rbase.assign(a, 9, 2, 1)
    assert out is a and a.tolist() == [[0, 0], [9, 0]]


def test_assign_copies_a_shared_value_as_r_does():
    # y <- x; x[1] <- 100: R changes a copy, so y keeps its values (the port rebinds x)
    x = np.array([1.0, 2.0, 3.0])
    y = x
    x = rbase.assign(x, 100, 1)
    assert x.tolist() == [100, 2, 3] and y.tolist() == [1, 2, 3]
    # a view (part <- big[1, ]) is a value of its own in R: writing it leaves big alone
    big = np.arange(6.0).reshape(2, 3)
    part = big[0]
    part = rbase.put(part, np.s_[0], 99)
    assert part[0] == 99 and big[0, 0] == 0
    # a part of a bigger object is written in place when the port says so (obj$field[i] <- v)
    holder = {"v": np.zeros(2)}
    rbase.assign(holder["v"], 5, 2, inplace=True)
    assert holder["v"].tolist() == [0, 5]
