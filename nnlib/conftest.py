"""Names available to every doctest in nnlib (pytest's ``doctest_namespace``)."""

import numpy as np
import pytest
import tensorflow as tf

import nnlib


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace.update(np=np, tf=tf, nnlib=nnlib)
    nnlib.seed(0)
