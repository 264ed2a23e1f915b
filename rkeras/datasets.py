"""Small data sets shipped inside rkeras, so examples and tests need no network."""

from __future__ import annotations

from importlib import resources

__all__ = ["load_iris"]


def load_iris():
    """R's ``datasets::iris`` as a pandas DataFrame.

    150 rows; columns ``Sepal.Length``, ``Sepal.Width``, ``Petal.Length``,
    ``Petal.Width`` (floats) and ``Species``, a factor (pandas Categorical)
    with levels ``setosa``, ``versicolor``, ``virginica``, as in R.
    """
    import pandas as pd

    with resources.files("rkeras").joinpath("data/iris.csv").open("r") as handle:
        frame = pd.read_csv(handle)
    frame["Species"] = pd.Categorical(frame["Species"], categories=["setosa", "versicolor", "virginica"])
    return frame
