"""readr's and data.table's readers and writers and the tokenizers package, as rkeras.rbase's.

R's formals come from readr 2, data.table 1.14 and tokenizers 0.3; each call keeps R's
argument matching (partial names, positions) and R's defaults live in the runtime functions.
"""

from __future__ import annotations

from .baser import BASE, helper

_READR_READ = ("file", "col_names", "col_types", "col_select", "id", "locale", "na", "quoted_na", "quote",
               "comment", "trim_ws", "skip", "n_max", "guess_max", "name_repair", "num_threads",
               "progress", "show_col_types", "skip_empty_rows", "lazy")
_READR_WRITE = ("x", "file", "na", "append", "col_names", "quote", "escape", "eol", "num_threads", "progress",
                "path")

helper("read_csv", "rbase.readr_read_csv", _READR_READ)
helper("read_tsv", "rbase.read_tsv", _READR_READ)
helper("read_delim", "rbase.read_delim", ("file", "delim", "quote", "escape_backslash", "escape_double")
       + _READR_READ[1:])
helper("write_csv", "rbase.readr_write_csv", _READR_WRITE)
helper("write_tsv", "rbase.write_tsv", _READR_WRITE)
helper("write_delim", "rbase.write_delim", ("x", "file", "delim") + _READR_WRITE[2:])
helper("fread", "rbase.fread", ("input", "file", "text", "cmd", "sep", "sep2", "dec", "quote", "nrows", "header",
                                "na.strings", "stringsAsFactors", "verbose", "skip", "select", "drop",
                                "colClasses", "integer64", "col.names", "check.names", "encoding", "strip.white",
                                "fill", "blank.lines.skip", "key", "index", "showProgress", "data.table",
                                "nThread", "logical01", "keepLeadingZeros", "yaml", "autostart", "tmpdir", "tz"),
       rename={"col.names": "col_names", "data.table": "data_table"})
helper("fwrite", "rbase.fwrite", ("x", "file", "append", "quote", "sep", "sep2", "eol", "na", "dec", "row.names",
                                  "col.names", "qmethod", "logical01", "logicalAsInt", "scipen", "dateTimeAs",
                                  "buffMB", "nThread", "showProgress", "compress", "yaml", "bom", "verbose",
                                  "encoding"),
       rename={"col.names": "col_names"})
helper("tokenize_characters", "rbase.tokenize_characters", ("x", "lowercase", "strip_non_alphanum", "simplify"))
helper("tokenize_words", "rbase.tokenize_words", ("x", "lowercase", "stopwords", "strip_punct", "strip_numeric",
                                                  "simplify"))

READERS = frozenset({"read_csv", "read_tsv", "read_delim", "fread"})
assert all(name in BASE for name in READERS)
