"""Measure ``rkeras port`` on a corpus of real R keras scripts and notebooks (not committed).

    git -C <rstudio/keras> show v2.15.0:vignettes/examples/mnist_mlp.R > /tmp/corpus/mnist_mlp.R   # etc.
    python -m pip install pyflakes && python scripts/port_corpus.py /tmp/corpus [--run] [--timeout 60] [--only NAME]

For each file: does it port without crashing, does the output parse (``ast``), which
undefined names pyflakes finds, how many statements were translated, and (``--run``) does
the Python run end to end, with tiny planted datasets in a temporary KERAS_HOME and a short
timeout. Prints one line per file and the totals.

Scripts that hard-code a data set's size (Deep Learning with R, 2nd edition: MNIST's 60000 rows,
``x_train[seq(10000), ]`` of IMDB) need bigger stand-ins: ``--full-size mnist`` plants MNIST at its
real size (``--real-sizes``: MNIST and IMDB) and ``--rows imdb=10040,reuters=1300`` plants those with that many rows (random values,
Keras' formats). They change only the planted data, never the ported code.
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def undefined_names(code: str) -> list[str]:
    from pyflakes import api, messages, reporter

    class Collect(reporter.Reporter):
        def __init__(self):
            self.found = []

        def flake(self, message):
            if isinstance(message, messages.UndefinedName):
                self.found.append(message.message_args[0])

        def syntaxError(self, *args):
            self.found.append("<syntax error>")

        def unexpectedError(self, *args):
            pass

    collect = Collect()
    api.check(code, "ported.py", collect)
    return sorted(set(collect.found))


def plant_datasets(keras_home: str, full_size=()) -> None:
    """Tiny stand-ins of every data set R keras loads, in Keras' formats (rkeras.dataset_files);
    the data sets named in ``full_size`` at their real sizes (random values), for scripts that
    hard-code them (``array_reshape(x, c(60000, 28 * 28))``)."""
    from rkeras.dataset_files import DATASETS, plant_dataset

    for name in DATASETS:
        plant_dataset(name, keras_home, n=40)
    # files the corpus fetches with get_file(): small stand-ins in Keras' cache, found there offline
    import io
    import tarfile

    import numpy as np

    data = os.path.join(keras_home, "datasets")
    words = "the will to power is the essence of life and of all that lives and grows ".split()
    rng = np.random.default_rng(0)
    with open(os.path.join(data, "nietzsche.txt"), "w") as handle:
        handle.write(" ".join(rng.choice(words, 600)))
    try:
        from PIL import Image

        Image.fromarray(rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)).save(os.path.join(data, "paris.jpg"))
    except ImportError:
        pass
    with open(os.path.join(data, "quora_duplicate_questions.tsv"), "w") as handle:
        handle.write("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n")
        for i in range(40):
            q1, q2 = " ".join(rng.choice(words, 6)), " ".join(rng.choice(words, 6))
            handle.write(f"{i}\t{2 * i + 1}\t{2 * i + 2}\t{q1}?\t{q2}?\t{i % 2}\n")
    story = "1 Mary moved to the bathroom.\n2 John went to the hallway.\n3 Where is Mary? \tbathroom\t1\n"
    with tarfile.open(os.path.join(data, "babi-tasks-v1-2.tar.gz"), "w:gz") as archive:
        for task, folder in [(t, f) for t in ("qa1_single-supporting-fact", "qa2_two-supporting-facts")
                             for f in ("en-10k", "en")]:
            for part in ("train", "test"):
                payload = (story * 10).encode()
                info = tarfile.TarInfo(f"tasks_1-20_v1-2/{folder}/{task}_{part}.txt")
                info.size = len(payload)
                archive.addfile(info, io.BytesIO(payload))
    plant_port_eager(keras_home, os.path.dirname(keras_home))
    plant_port_tfp(keras_home, os.path.dirname(keras_home))
    plant_port_dlwr1(keras_home, os.path.dirname(keras_home))
    plant_full_size(keras_home, full_size)


def plant_port_dlwr1(keras_home: str, workdir: str) -> None:
    """Reuters with every one of its 46 topics in both the training and the test split, as the
    real data has them (``to_categorical(labels)`` gives 46 columns only then), and with more than
    the 1,000 training rows "Deep Learning with R" sets aside for validation: 2,300 short
    newswires (Keras' loader shuffles, then keeps 20% for the test split)."""
    from rkeras.dataset_files import plant_dataset

    plant_dataset("reuters", keras_home, n=1150)


#: Keras' data sets at their real sizes (train rows, test rows), for scripts written for the real
#: data that hard-code them (array_reshape(x, c(60000, 784)), x_train[1:10000, ])
FULL_SIZES = {"mnist": (60000, 10000), "fashion_mnist": (60000, 10000), "imdb": (25000, 25000)}


def plant_full_size(keras_home: str, full_size=()) -> None:
    """``--full-size mnist,imdb`` (``--real-sizes`` is both): the named data sets planted at their
    real row counts (random pixels and labels, reviews of random words), in Keras' format, instead
    of the tiny ones. Opt-in: training on them is slow."""
    import numpy as np

    from rkeras.dataset_files import plant_dataset

    rng = np.random.default_rng(3)
    for name in full_size:
        if name not in FULL_SIZES:
            raise SystemExit(f"--full-size: one of {', '.join(FULL_SIZES)}; got {name!r}")
        n_train, n_test = FULL_SIZES[name]
        if name == "imdb":
            plant_dataset("imdb", keras_home, n=n_train)
            continue
        images = {part: rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
                  for part, n in (("train", n_train), ("test", n_test))}
        labels = {part: rng.integers(0, 10, n).astype(np.uint8) for part, n in (("train", n_train), ("test", n_test))}
        if name == "mnist":
            np.savez(os.path.join(keras_home, "datasets", "mnist.npz"), x_train=images["train"],
                     y_train=labels["train"], x_test=images["test"], y_test=labels["test"])
            continue
        import gzip

        folder = os.path.join(keras_home, "datasets", "fashion-mnist")
        for prefix, part in (("train", "train"), ("t10k", "test")):
            with gzip.open(os.path.join(folder, f"{prefix}-labels-idx1-ubyte.gz"), "wb") as handle:
                handle.write(b"\0" * 8 + labels[part].tobytes())
            with gzip.open(os.path.join(folder, f"{prefix}-images-idx3-ubyte.gz"), "wb") as handle:
                handle.write(b"\0" * 16 + images[part].tobytes())


def plant_port_eager(keras_home: str, workdir: str) -> None:
    """Users' own image files that the eager-execution scripts read from their folder
    (``workdir/<script>/``, where each port runs), as tiny JPEGs of the shapes they expect."""
    try:
        from PIL import Image
    except ImportError:
        return
    import numpy as np

    rng = np.random.default_rng(1)

    def jpeg(path, height, width):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        Image.fromarray(rng.integers(0, 255, (height, width, 3), dtype=np.uint8)).save(path)

    # pix2pix's facades: each JPEG is the photo and its label map side by side (256 x 512)
    for part in ("train", "test"):
        jpeg(os.path.join(workdir, "eager_pix2pix", "facades", part, "1.jpg"), 256, 512)
    for name in ("isar.jpg", "The_Great_Wave_off_Kanagawa.jpg"):
        jpeg(os.path.join(workdir, "eager_styletransfer", name), 96, 128)
    # deep_dream's octaves shrink the image twice by 1.4 and InceptionV3 needs 75 x 75 at least
    jpeg(os.path.join(keras_home, "datasets", "paris.jpg"), 150, 150)
    # pretrained weights: Keras' own files' format (legacy HDF5), random values, made once per machine
    plant_weights(keras_home, "InceptionV3", "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5")


def plant_port_tfp(keras_home: str, workdir: str) -> None:
    """Kuzushiji-MNIST's training images (``kmnist-train-imgs.npz``: ``arr_0``, uint8, n x 28 x 28),
    64 random ones, where the tfprobability scripts look: tfprob_vae downloads into ``tmp/`` of
    its folder but reads ``/tmp/``; vq_vae downloads into and reads from its folder."""
    import numpy as np

    images = np.random.default_rng(2).integers(0, 255, (64, 28, 28), dtype=np.uint8)
    for path in (os.path.join(workdir, "tfprob_vae", "tmp", "kmnist-train-imgs.npz"),
                 os.path.join(workdir, "vq_vae", "kmnist-train-imgs.npz"),
                 os.path.join(tempfile.gettempdir(), "kmnist-train-imgs.npz")):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        np.savez(path, arr_0=images)


def plant_weights(keras_home: str, constructor: str, fname: str, **kwargs) -> None:
    """A stand-in of the ImageNet weights file ``fname`` of ``keras.applications.<constructor>``
    (include_top = FALSE unless given), in Keras' cache (``models/``), where rkeras.application()
    finds it. Built once into a machine-wide cache folder, then hard-linked."""
    import shutil

    store = os.path.join(tempfile.gettempdir(), "rkeras-corpus-weights")
    source = os.path.join(store, fname)
    if not os.path.exists(source):
        os.makedirs(store, exist_ok=True)
        code = ("import sys, h5py, keras; from keras.src.legacy.saving import legacy_h5_format; "
                f"m = keras.applications.{constructor}(weights=None, **{dict(dict(include_top=False), **kwargs)!r}); "
                "f = h5py.File(sys.argv[1], 'w'); legacy_h5_format.save_weights_to_hdf5_group(f, m); f.close()")
        partial = source + ".part"
        subprocess.run([sys.executable, "-c", code, partial], check=True, capture_output=True,
                       env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES=""))
        os.replace(partial, source)
    target = os.path.join(keras_home, "models", fname)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def plant_port_data(keras_home: str, workdir: str | None = None) -> None:
    """Stand-ins for the files the text scripts read from their own folder (``workdir``):
    manythings.org's tab-separated sentence pairs (fra.txt; data/nld.txt beside the zip the
    script looks for)."""
    if workdir is None:
        return
    attribution = "CC-BY 2.0 (France) Attribution: tatoeba.org"
    short = [("Go.", "Va"), ("Hi.", "Oh"), ("Run!", "Ah"), ("Yes.", "Oui"), ("No.", "Non"), ("Me!", "Moi")]
    with open(os.path.join(workdir, "fra.txt"), "w", encoding="utf-8") as handle:
        # lstm_seq2seq decodes the first 100 pairs: short French sides keep each decoding short
        handle.writelines(f"{en}\t{fr}\t{attribution}\n" for en, fr in (short * 17)[:100])
    data = os.path.join(workdir, "data")
    os.makedirs(data, exist_ok=True)
    import zipfile

    dutch = [("Go.", "Lopen!"), ("Hi.", "Hoi."), ("Run!", "Ren!"), ("Who?", "Wie?"), ("Wow!", "Da's niet gek!"),
             ("Help!", "Help!"), ("Jump.", "Spring."), ("Stop!", "Stop!"), ("Wait!", "Wacht!"),
             ("Hello!", "Hallo!"), ("I see.", "Ik snap het."), ("I try.", "Ik probeer het."),
             ("I won!", "Ik heb gewonnen!"), ("Smile.", "Glimlach."), ("Cheers!", "Proost!"), ("Got it?", "Gesnopen?")]
    # 40 pairs: nmt_attention trains on batches of 32 (drop_remainder) and samples 5 validation pairs
    lines = "".join(f"{en}\t{nl}\t{attribution}\n" for en, nl in (dutch * 3)[:40])
    with open(os.path.join(data, "nld.txt"), "w", encoding="utf-8") as handle:
        handle.write(lines)
    with zipfile.ZipFile(os.path.join(data, "nld-eng.zip"), "w") as archive:
        archive.writestr("nld.txt", lines)
    # GloVe's glove.6B.300d.txt (a word, then 300 numbers, space separated) and the zip the script
    # looks for before downloading it (pretrained_word_embeddings)
    import numpy as np

    rng = np.random.default_rng(1)
    glove = "".join(word + " " + " ".join(f"{v:.5f}" for v in rng.normal(0, 0.4, 300)) + "\n"
                    for word in ("the", ",", ".", "of", "to", "and", "a", "in", "movie", "film", "good", "bad"))
    with open(os.path.join(workdir, "glove.6B.300d.txt"), "w", encoding="utf-8") as handle:
        handle.write(glove)
    with zipfile.ZipFile(os.path.join(workdir, "glove.6B.zip"), "w") as archive:
        archive.writestr("glove.6B.300d.txt", glove)


def run_one(py_path: str, keras_home: str, timeout: float) -> tuple[str, str]:
    env = dict(os.environ, KERAS_HOME=keras_home, TF_CPP_MIN_LOG_LEVEL="3", MPLBACKEND="Agg",
               CUDA_VISIBLE_DEVICES="", PYTHONWARNINGS="ignore")
    workdir = os.path.dirname(py_path)
    if py_path.endswith(".ipynb"):
        # executed as a rendering would: cells tagged skip-execution (R's eval = FALSE) are skipped
        runner = ("import sys, nbformat, nbclient; nb = nbformat.read(sys.argv[1], as_version=4); "
                  "nbclient.NotebookClient(nb, timeout=int(sys.argv[2]), kernel_name='python3').execute()")
        cmd = [sys.executable, "-c", runner, py_path, str(int(timeout))]
    else:
        cmd = [sys.executable, py_path]
    try:
        out = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", ""
    if out.returncode == 0:
        return "ok", ""
    lines = [l for l in out.stderr.strip().splitlines() if l.strip()]
    return "error", (lines[-1] if lines else "")[:150]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="/tmp/corpus")
    parser.add_argument("--run", action="store_true", help="also run each port end to end")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default=None)
    parser.add_argument("--real-sizes", action="store_true",
                        help="plant MNIST and IMDB with their real row counts: --full-size mnist,imdb")
    parser.add_argument("--reasons", action="store_true", help="list the most common reasons for untranslated code")
    parser.add_argument("--full-size", default="", help="data sets planted at their real sizes, e.g. mnist")
    parser.add_argument("--rows", default="", help="data sets planted with more rows than the tiny default, "
                        "e.g. imdb=10040,reuters=1300 (for scripts that slice fixed row counts)")
    args = parser.parse_args(argv)

    from rkeras.port import port_file

    files = sorted(f for f in os.listdir(args.corpus) if f.endswith((".R", ".Rmd")))
    if args.only:
        files = [f for f in files if args.only in f]
    work = tempfile.mkdtemp(prefix="rkeras-corpus-")
    keras_home = os.path.join(work, "keras_home")
    if args.run:
        full_size = [n for n in args.full_size.split(",") if n] + (["mnist", "imdb"] if args.real_sizes else [])
        plant_datasets(keras_home, sorted(set(full_size)))
        from rkeras.dataset_files import plant_dataset

        for item in (i for i in args.rows.split(",") if i):
            name, _, rows = item.partition("=")
            plant_dataset(name, keras_home, n=int(rows))
    totals = collections.Counter()
    reasons = collections.Counter()
    print(f"{'file':34} {'port':5} {'parse':5} {'undef':>5} {'translated':>12}  run")
    for name in files:
        src = os.path.join(args.corpus, name)
        out_dir = os.path.join(work, os.path.splitext(name)[0])
        os.makedirs(out_dir, exist_ok=True)
        if args.run:
            plant_port_data(keras_home, out_dir)
        out_path = os.path.join(out_dir, os.path.splitext(name)[0] + (".ipynb" if name.endswith(".Rmd") else ".py"))
        totals["files"] += 1
        try:
            ported, _ = port_file(src, out_path)
        except Exception as exc:  # a crash is what this measures
            print(f"{name:34} CRASH {type(exc).__name__}: {exc}"[:200])
            continue
        totals["ported"] += 1
        try:
            ast.parse(ported.code)
            parses = True
            totals["parses"] += 1
        except SyntaxError as exc:
            parses = False
            print(f"   syntax error: {exc}")
        undefined = undefined_names(ported.code) if parses else []
        totals["statements"] += ported.statements
        totals["translated"] += ported.translated
        totals["clean"] += not undefined
        for item in ported.not_ported:
            reasons[item.reason.split("`")[0] + ("`" + item.reason.split("`")[1] + "`" if "`" in item.reason else "")] += 1
        status, detail = ("-", "")
        if args.run and parses:
            started, cpu_started = time.perf_counter(), os.times()
            status, detail = run_one(out_path, keras_home, args.timeout)
            totals["runs_ok"] += status == "ok"
            # the run's own CPU time (user + system): on a busy machine wall time says more about the others
            cpu = sum(getattr(os.times(), k) - getattr(cpu_started, k) for k in ("children_user", "children_system"))
            detail = f"{time.perf_counter() - started:5.1f}s (cpu {cpu:5.1f}s) {detail}"
        share = f"{ported.translated}/{ported.statements}"
        print(f"{name:34} {'ok':5} {'yes' if parses else 'NO':5} {len(undefined):5} {share:>12}  {status} {detail}"
              + (f"  undefined: {', '.join(undefined[:6])}" if undefined else ""))
    n = totals["files"]
    share = 100.0 * totals["translated"] / max(totals["statements"], 1)
    print(f"\n{n} files: {totals['ported']} ported without crashing, {totals['parses']} parse, "
          f"{totals['clean']} without undefined names; {totals['translated']} of {totals['statements']} statements "
          f"translated ({share:.1f}%)" + (f"; {totals['runs_ok']} of {n} ran end to end" if args.run else ""))
    if args.reasons:
        print("\nmost common reasons:")
        for reason, count in reasons.most_common(400):
            print(f"{count:5}  {reason}")
    print(f"(ports in {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
