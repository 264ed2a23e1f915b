"""R's calling habits (rkeras.habits): partial names, deferred warnings."""

from __future__ import annotations

import warnings

import pytest

from rkeras import RKerasError, RKerasWarning
from rkeras.habits import flush_warnings, r_function, warn_later


@r_function
def r_fn(object, x=None, batch_size=None, epochs=10, validation_split=0.0, validation_data=None,
         validation_steps=None, **kwargs):
    return {"object": object, "x": x, "batch_size": batch_size, "epochs": epochs,
            "validation_split": validation_split, "validation_data": validation_data,
            "validation_steps": validation_steps, "dots": kwargs}


def _call(fn, *args, **kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args, **kwargs)
    return result, [str(w.message) for w in caught], caught


def test_unique_prefix_is_that_argument_with_one_warning_naming_it():
    result, messages, caught = _call(r_fn, "m", epoch=30, batch=16)
    assert result["epochs"] == 30 and result["batch_size"] == 16 and result["dots"] == {}
    assert len(messages) == 2
    assert "`epoch` to `epochs`" in messages[0] and "`batch` to `batch_size`" in messages[1]
    assert all(w.category is RKerasWarning for w in caught)
    assert all(w.filename == __file__ for w in caught)  # points at the user's line


def test_exact_names_win_and_need_no_warning():
    result, messages, _ = _call(r_fn, "m", epochs=3, x=1)
    assert result["epochs"] == 3 and result["x"] == 1 and messages == []


def test_ambiguous_prefix_is_an_error_listing_candidates():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RKerasError) as error:
            r_fn("m", epoch=3, valid=0.2)
    assert "validation_split, validation_data, validation_steps" in str(error.value)
    assert error.value.argument == "valid"
    assert caught == []  # the deferred `epoch` warning is dropped with the call


def test_formals_already_matched_are_not_candidates():
    # R: partial matching only among formals not matched exactly or by position
    result, messages, _ = _call(r_fn, "m", validation_split=0.1, validation_data=2, valid=5)
    assert result["validation_steps"] == 5 and len(messages) == 1
    result, _, _ = _call(r_fn, "m", [1], ep=2)
    assert result["x"] == [1] and result["epochs"] == 2


def test_two_prefixes_of_one_formal_are_an_error():
    with pytest.raises(RKerasError, match="`ep`, `epo` all match `epochs`"):
        r_fn("m", ep=1, epo=2)


def test_no_prefix_goes_to_dots():
    result, messages, _ = _call(r_fn, "m", validation_freq=2)
    assert result["dots"] == {"validation_freq": 2} and messages == []


def test_engine_arguments_win_over_prefixes():
    @r_function(passes_on=lambda bound: {"step"} if bound["object"] == "keras" else set())
    def g(object, steps_per_epoch=None, **kwargs):
        return steps_per_epoch, kwargs

    assert _call(g, "keras", step=3)[0] == (None, {"step": 3})
    assert _call(g, "other", step=3)[0] == (3, {})
    g2 = r_function(lambda object, steps=None, **kwargs: (steps, kwargs))
    assert _call(g2, 1, ste=4)[0] == (4, {})


def test_passes_on_that_fails_counts_as_no_names():
    def broken(bound):
        raise RKerasError("not a model", "object")

    @r_function(passes_on=broken)
    def g(object, epochs=1, **kwargs):
        return epochs

    assert _call(g, None, epo=5)[0] == 5


def test_passes_on_as_function_attribute():
    def g(object, steps=None, **kwargs):
        return steps, kwargs

    g._passes_on = {"st"}
    assert _call(r_function(g), 1, st=2)[0] == (None, {"st": 2})


def test_exact_only_formals_do_not_match_by_prefix():
    @r_function(exact_only=("name",))
    def g(x, name=None, **kwargs):
        return name, kwargs

    assert _call(g, 1, nam="a")[0] == (None, {"nam": "a"})


def test_warnings_come_after_the_call_and_are_dropped_when_it_raises():
    order = []

    @r_function
    def g(fail=False):
        warn_later("first")
        warn_later("first")  # the same message once
        order.append("body")
        if fail:
            raise RKerasError("bad", "fail")
        return 1

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert g() == 1
        with pytest.raises(RKerasError):
            g(fail=True)
    assert [str(w.message) for w in caught] == ["first"]


def test_flush_gives_the_warnings_before_the_work_and_later_ones_at_return():
    seen = []

    @r_function
    def g():
        warn_later("checked")
        flush_warnings()
        seen.append(len(caught))
        warn_later("after")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g()
    assert seen == [1] and [str(w.message) for w in caught] == ["checked", "after"]


def test_nested_calls_share_the_outer_collection():
    @r_function
    def inner():
        warn_later("inner")

    @r_function
    def outer(fail=False):
        inner()
        assert caught == []  # not yet: the outer call is still checking
        if fail:
            raise RKerasError("bad", "fail")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RKerasError):
            outer(fail=True)
        assert caught == []
        outer()
    assert [str(w.message) for w in caught] == ["inner"]


def test_warn_later_outside_a_call_warns_now():
    with pytest.warns(RKerasWarning, match="now"):
        warn_later("now")


def test_signature_is_kept_for_help():
    import inspect

    assert list(inspect.signature(r_fn).parameters)[:3] == ["object", "x", "batch_size"]


def test_a_nested_call_that_raises_drops_only_its_own_warnings():
    @r_function
    def inner():
        warn_later("inner")
        raise RKerasError("bad", "inner")

    @r_function
    def outer():
        warn_later("outer")
        try:
            inner()
        except RKerasError:
            pass  # the outer call recovers: its own warning stays

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outer()
    assert [str(w.message) for w in caught] == ["outer"]
