"""Records which lines of the library this kernel runs, for the book's execution cache.

The book's extension (book/_ext/nnbook/dependencies.py) sets NNBOOK_RECORD_TO before
a page's kernel starts. Then coverage.py measures the folders NNBOOK_RECORD_SOURCES
names (nnlib/ and benchmarks/), and after every cell the lines run so far are
written to NNBOOK_RECORD_TO as JSON, ``{path: [line, ...]}``. From them the extension
learns which files' functions the page ran, and re-executes the page when one of them
changes. Without NNBOOK_RECORD_TO (a reader's own Jupyter), this file does nothing.
"""

import json
import os
import warnings

if os.environ.get("NNBOOK_RECORD_TO"):
    import coverage
    from IPython import get_ipython

    _recorder = coverage.Coverage(
        data_file=None, config_file=False,
        source=os.environ["NNBOOK_RECORD_SOURCES"].split(os.pathsep))
    _recorder.start()

    def _write_lines_run(result=None, path=os.environ["NNBOOK_RECORD_TO"]):
        with warnings.catch_warnings():  # e.g. "no data collected" before any is
            warnings.simplefilter("ignore")
            data = _recorder.get_data()
        lines = {name: sorted(data.lines(name)) for name in data.measured_files()
                 if data.lines(name)}  # coverage also lists the files never imported
        with open(path, "w", encoding="utf-8") as file:
            json.dump(lines, file)

    get_ipython().events.register("post_run_cell", _write_lines_run)
