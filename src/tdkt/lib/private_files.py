"""Files of personal data written to disk (backups, a person's data export): readable by their owner only.

The mode is given when the file or folder is created (os.open / os.mkdir), never by a chmod afterwards:
between a create with the default umask and a later chmod, any local user could open the file and keep
the descriptor."""

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Create the folder (and its missing parents) with mode 0700; an existing folder is left as it is:
    its owner chose its mode."""
    path = Path(path)
    if not path.is_dir():
        if not path.parent.is_dir():
            private_dir(path.parent)
        with contextlib.suppress(FileExistsError):  # created meanwhile by another run: left as it is
            os.mkdir(path, DIR_MODE)
    return path


def create_private(path: Path) -> Path:
    """Create an empty file with mode 0600; refuses to overwrite an existing file (FileExistsError), so a
    file another user prepared (with other permissions, or a symlink) is never written into."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE))
    return Path(path)


def open_private(path: Path, mode: str = "wb"):
    """A new file with mode 0600, opened for writing."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    return os.fdopen(fd, mode)
