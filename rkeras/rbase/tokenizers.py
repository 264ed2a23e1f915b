"""The tokenizers package's ``tokenize_characters()`` and ``tokenize_words()``.

Each returns, as in R, one token vector per document (a list), or with ``simplify = TRUE`` and
a single document that document's vector. Defaults are R's: ``lowercase = TRUE``,
``strip_non_alphanum = TRUE`` / ``strip_punct = TRUE``.

Differences from R: words are split by a regular expression (runs of letters and digits,
keeping inner apostrophes and hyphen-free contractions) rather than ICU's word boundaries;
on plain English text the two agree.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["tokenize_characters", "tokenize_words"]

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*", re.UNICODE)
_WORD_OR_PUNCT = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]", re.UNICODE)


def _documents(x):
    if isinstance(x, str):
        return [x], None
    if isinstance(x, dict):
        return [str(v) for v in x.values()], list(x.keys())
    return [str(v) for v in np.ravel(np.asarray(x, dtype=object))], None


def _result(tokens, names, simplify):
    tokens = [np.array(t, dtype=object) for t in tokens]
    if simplify and len(tokens) == 1:
        return tokens[0]
    return dict(zip(names, tokens)) if names is not None else tokens


def tokenize_characters(x, lowercase=True, strip_non_alphanum=True, simplify=False):
    """tokenizers' ``tokenize_characters()``: each character a token (with
    ``strip_non_alphanum`` only letters and digits are kept)."""
    docs, names = _documents(x)
    out = []
    for doc in docs:
        doc = doc.lower() if lowercase else doc
        out.append([ch for ch in doc if ch.isalnum()] if strip_non_alphanum else list(doc))
    return _result(out, names, simplify)


def tokenize_words(x, lowercase=True, stopwords=None, strip_punct=True, strip_numeric=False, simplify=False):
    """tokenizers' ``tokenize_words()``: words, lower-cased; punctuation dropped unless
    ``strip_punct = FALSE`` (then each mark is its own token); ``stopwords`` removed."""
    docs, names = _documents(x)
    stop = set(np.ravel(stopwords).tolist()) if stopwords is not None else set()
    out = []
    for doc in docs:
        doc = doc.lower() if lowercase else doc
        words = (_WORD if strip_punct else _WORD_OR_PUNCT).findall(doc)
        if strip_numeric:
            words = [w for w in words if not any(ch.isdigit() for ch in w)]
        out.append([w for w in words if w not in stop])
    return _result(out, names, simplify)
