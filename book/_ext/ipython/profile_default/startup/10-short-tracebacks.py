"""Short tracebacks in the book's pages.

A cell that fails on purpose (tagged `raises-exception`) shows its error. The lesson
is the error's type and message, not the frames inside TensorFlow's Python code, so
the book's kernels print tracebacks in IPython's "Minimal" mode: the last line,
`ErrorType: message`. Run a chapter yourself to see full tracebacks.
"""

try:
    get_ipython().InteractiveTB.set_mode("Minimal")  # noqa: F821 (IPython's global)
except NameError:  # not running under IPython
    pass
