"""Copies of the data files with one edit, for tests of how the loaders report a broken file."""
import shutil

from besliswijzer.reference.datafiles import DATA_DIR

__all__ = ["broken_copy"]


def broken_copy(tmp_path, fname, edit):
    """A copy of besliswijzer/data in tmp_path/data with `edit(text)` applied to one file; returns the folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    path = target / fname
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target
