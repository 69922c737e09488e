"""Keep the kit's lesson notebooks clean when `make lab` saves them.

`make lab` passes :func:`strip_on_save` to Jupyter as the contents manager's
``pre_save_hook``: when a notebook under ``notebooks/`` is saved, its outputs, execution
counts and widget state are left out of the file (nbstripout's own ``strip_output``, the
same rules as the git filter) and the notebook-level metadata stays as it was on disk
(JupyterLab would write the running kernel's name and version into it). So after
"Run All" and "Save", the file is byte for byte what git has and ``git status`` stays
empty. The outputs stay on screen; running the notebook again brings them back; the
student's answers live in the journal, not in the notebook.

Why not the git filter alone: the Makefile installs nbstripout as a git filter too (so
nothing with outputs is ever committed), but git reports a filtered file whose size
changed as modified until it is added again, so the filter alone cannot keep
``git status`` empty.
"""
from __future__ import annotations

import json
from pathlib import Path

#: What JupyterLab adds to a notebook's metadata when a kernel starts.
LANGUAGE_INFO_KEYS = ("codemirror_mode", "file_extension", "mimetype", "nbconvert_exporter",
                      "pygments_lexer", "version")
#: Only notebooks in this folder (the kit's lessons) are stripped.
LESSON_FOLDER = "notebooks"


def is_lesson(path: str) -> bool:
    parts = Path(path.strip("/")).parts
    return len(parts) == 2 and parts[0] == LESSON_FOLDER and parts[1].endswith(".ipynb")


def strip_on_save(model, path, contents_manager, **kwargs):
    """``pre_save_hook``: strip a lesson notebook's outputs before it is written."""
    if model.get("type") != "notebook" or not is_lesson(path):
        return
    import nbformat
    from nbstripout import strip_output

    nb = nbformat.from_dict(model["content"])
    extra = ["metadata.signature", "metadata.widgets", "cell.metadata.collapsed", "cell.metadata.ExecuteTime",
             "cell.metadata.execution", "cell.metadata.heading_collapsed", "cell.metadata.hidden",
             "cell.metadata.scrolled"] + [f"metadata.language_info.{k}" for k in LANGUAGE_INFO_KEYS]
    nb = strip_output(nb, keep_output=False, keep_count=False, keep_id=True, extra_keys=extra)
    on_disk = Path(contents_manager.root_dir) / path.strip("/")
    if on_disk.is_file():
        try:
            nb.metadata = nbformat.from_dict(json.loads(on_disk.read_text(encoding="utf-8"))["metadata"])
        except (ValueError, KeyError, OSError):
            pass  # an unreadable file on disk: keep the metadata being saved
    model["content"] = nb
