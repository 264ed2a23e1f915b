"""Base R's meaning in Python, for code that ``rkeras port`` writes (and anyone porting by hand).

Each function here is the R function of (nearly) the same name, with R's rules: positions are
1-based and inclusive (``rbase.subset(x, -1)`` drops the first element, as R's ``x[-1]``),
``matrix()``/``array()`` fill in R's column-major order, ``sample(n)`` permutes ``1:n``,
``paste``/``sprintf`` are vectorised, ``cat`` prints without a newline. Argument names are
R's with ``.`` written ``_`` (``na_rm``, ``length_out``; ``from`` is ``from_``).

Differences from R: random numbers come from numpy (``set_seed`` makes them repeatable, but
not R's own streams); ``y <- x`` followed by an in-place change of ``x`` (``x[i] <- v``) also
changes ``y`` in Python, where R would have copied. Imports numpy and pandas, not TensorFlow.
"""

from __future__ import annotations

from .apply import *  # noqa: F401,F403
from .apply import __all__ as _apply
from .backend import *  # noqa: F401,F403
from .backend import __all__ as _backend
from .dplyr import *  # noqa: F401,F403
from .dplyr import __all__ as _dplyr
from .errors import RError, TryError, r_try, show_chunk_error
from .environments import *  # noqa: F401,F403
from .environments import __all__ as _environments
from .classes import R6
from .files import *  # noqa: F401,F403
from .files import __all__ as _files
from .frames import *  # noqa: F401,F403
from .frames import __all__ as _frames
from .functional import *  # noqa: F401,F403
from .functional import __all__ as _functional
from .base_graphics import *  # noqa: F401,F403
from .base_graphics import __all__ as _base_graphics
from .graphics import *  # noqa: F401,F403
from .graphics import __all__ as _graphics
from .ggplot import *  # noqa: F401,F403
from .ggplot import __all__ as _ggplot
from .reshape import *  # noqa: F401,F403
from .rmisc import *  # noqa: F401,F403
from .rmisc import __all__ as _rmisc
from .reshape import __all__ as _reshape
from .indexing import *  # noqa: F401,F403
from .indexing import __all__ as _indexing
from .packages import *  # noqa: F401,F403
from .packages import __all__ as _packages
from .progress import *  # noqa: F401,F403
from .progress import __all__ as _progress
from .random import *  # noqa: F401,F403
from .random import __all__ as _random
from .readers import *  # noqa: F401,F403
from .readers import __all__ as _readers
from .summaries import *  # noqa: F401,F403
from .summaries import __all__ as _summaries
from .tensors import *  # noqa: F401,F403
from .tensors import __all__ as _tensors
from .text import *  # noqa: F401,F403
from .text import __all__ as _text
from .tfpackage import *  # noqa: F401,F403
from .tfpackage import __all__ as _tfpackage
from .tf_function import *  # noqa: F401,F403
from .tf_function import __all__ as _tf_function
from .tokenizers import *  # noqa: F401,F403
from .tokenizers import __all__ as _tokenizers
from .vectors import *  # noqa: F401,F403
from .vectors import __all__ as _vectors

__all__ = ["RError", "TryError", "r_try", "show_chunk_error", "R6", *_environments, *_apply, *_backend, *_dplyr, *_files, *_frames, *_functional, *_base_graphics, *_graphics,
           *_ggplot, *_reshape, *_rmisc, *_indexing, *_packages, *_progress, *_random, *_readers, *_summaries, *_tensors, *_text,
           *_tf_function, *_tfpackage, *_tokenizers,
           *_vectors]
