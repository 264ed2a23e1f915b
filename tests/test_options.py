import pytest

import rkeras
from rkeras import RKerasError


def test_defaults_are_r_defaults():
    assert rkeras.get_option("keras.fit_verbose") == "auto"
    assert rkeras.get_option("keras.view_metrics") == "auto"
    assert rkeras.get_option("keras.plot.history.smooth") is True
    assert rkeras.get_option("keras.plot.history.theme_bw") is False
    assert rkeras.get_option("keras.class_weight_base") is None  # R keras 2.15 names "0".."K-1" read 0-based with a warning, others 1-based
    assert rkeras.get_option("keras.run_dir") is None


def test_get_option_default_argument_used_only_when_unset():
    assert rkeras.get_option("keras.fit_verbose", 2) == 2
    rkeras.options({"keras.fit_verbose": 0})
    assert rkeras.get_option("keras.fit_verbose", 2) == 0


def test_options_returns_old_values_and_passing_them_back_restores():
    old = rkeras.options({"keras.fit_verbose": 0, "keras.view_metrics": False})
    assert old == {"keras.fit_verbose": None, "keras.view_metrics": None}
    assert rkeras.get_option("keras.fit_verbose") == 0
    older = rkeras.options({"keras.fit_verbose": 2})
    assert older == {"keras.fit_verbose": 0}
    rkeras.options(older)
    assert rkeras.get_option("keras.fit_verbose") == 0
    rkeras.options(old)
    assert rkeras.get_option("keras.fit_verbose") == "auto"
    assert rkeras.get_option("keras.view_metrics") == "auto"


def test_keyword_form_and_context_manager():
    with rkeras.options(keras_fit_verbose=2, keras_class_weight_base=0):
        assert rkeras.get_option("keras.fit_verbose") == 2
        assert rkeras.get_option("keras.class_weight_base") == 0
    assert rkeras.get_option("keras.fit_verbose") == "auto"
    assert rkeras.get_option("keras.class_weight_base") is None  # R keras 2.15 names "0".."K-1" read 0-based with a warning, others 1-based


def test_options_with_nothing_lists_what_is_set():
    rkeras.options({"keras.plot.history.smooth": False})
    assert rkeras.options() == {"keras.plot.history.smooth": False}


def test_unknown_option_is_an_error_listing_the_known_ones():
    with pytest.raises(RKerasError, match="Unknown option 'keras.fit_verbos'.*keras.fit_verbose"):
        rkeras.options({"keras.fit_verbos": 1})
    with pytest.raises(RKerasError, match="Unknown option"):
        rkeras.get_option("nope")
    with pytest.raises(RKerasError, match="Unknown option"):
        rkeras.options(keras_nothing=1)


def test_option_is_read_at_call_time(frozen, capfd):
    import numpy as np

    x = np.arange(1, 11, dtype="float32")
    rkeras.options({"keras.fit_verbose": 0})
    history = rkeras.fit(frozen, x, x, epochs=2)
    assert history.params["verbose"] == 0
    assert capfd.readouterr().out == ""
    rkeras.options({"keras.fit_verbose": 2})
    history = rkeras.fit(frozen, x, x, epochs=2)
    assert history.params["verbose"] == 2
    out = capfd.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out
