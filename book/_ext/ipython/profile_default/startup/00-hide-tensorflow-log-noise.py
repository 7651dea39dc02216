"""Keeps TensorFlow's C++ log noise out of the book's pages, and nothing else.

The book's build runs every chapter in an IPython kernel whose IPYTHONDIR is the folder
above (conf.py's `nnbook_ipython_dir`), so this file runs before a chapter's first cell. TensorFlow's
C++ runtime writes a few log lines straight to the process's stderr: notes when it is
imported (absl, oneDNN, CPU features), and lines that accompany some operations (a
"rendezvous" note when an op fails on purpose, a tf.data attribute note inside
`model.fit`). They are not warnings about the book's code, no environment variable
silences all of them, and the build turns any stderr output into an error
(`nb_output_stderr = "warn"` with `-W`). So stderr is filtered line by line here: the
lines that match NOISE are dropped; every other line (a Python warning, a TensorFlow
warning about the code) still reaches the page and fails the build.
"""

import re
import sys

NOISE = [
    r"WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR",
    r"[IWE]\d{4} [\d:.]+\s+\d+ port\.cc:\d+\] oneDNN custom operations are on\. ",
    r"[IWE]\d{4} [\d:.]+\s+\d+ cpu_feature_guard\.cc:\d+\] This TensorFlow binary is optimized ",
    r"To enable the following instructions: .* rebuild TensorFlow with the appropriate "
    r"compiler flags\.",
    r"[IWE]\d{4} [\d:.]+\s+\d+ local_rendezvous\.cc:\d+\] Local rendezvous is aborting ",
    r"[IWE]\d{4} [\d:.]+\s+\d+ node_def_util\.cc:\d+\] NodeDef mentions attribute "
    r"use_unbounded_threadpool which is not in the op definition",
]
_NOISE = re.compile("|".join(f"(?:{pattern})" for pattern in NOISE))


def is_noise(line):
    """True for a line of TensorFlow's C++ log noise (see NOISE)."""
    return _NOISE.match(line) is not None


def _filtered(write):
    def filtered_write(text):
        kept = "".join(line for line in text.splitlines(keepends=True)
                       if not is_noise(line))
        return write(kept) if kept else len(text)

    return filtered_write


if "ipykernel" in sys.modules and hasattr(sys.stderr, "write"):
    # ipykernel's stderr stream also receives what C++ code writes to file
    # descriptor 2; replacing the instance's `write` filters both paths.
    sys.stderr.write = _filtered(sys.stderr.write)
