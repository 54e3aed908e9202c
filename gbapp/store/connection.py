"""The handle every store function takes: an sqlite3 connection, with sqlite-utils on demand.

Reads go straight to sqlite3. sqlite-utils — its ``atomic()`` for every user action and its
``Migrations`` for the schema — sits on the same connection but is imported only when first
needed: importing it costs about as much as importing Qt, and opening the app on an up-to-date
database only reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

if TYPE_CHECKING:
    import sqlite_utils


class Database:
    """An open gbapp database (see module docstring). ``conn`` is the sqlite3 connection."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the same connection (plugins off: nothing from the user's
        Python installation may hook into gbapp's connection)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def execute(self, sql: str, parameters: Iterable[Any] | Mapping[str, Any] | None = None
                ) -> sqlite3.Cursor:
        """Run one statement. Reads and schema statements, which sqlite3 never wraps in an
        implicit transaction, go to sqlite3 directly; anything else (INSERT, UPDATE, DELETE…,
        or a statement behind a comment) goes through sqlite-utils, whose execute() commits a
        write made outside a transaction and rolls back one that failed."""
        if _is_direct(sql):
            if parameters is None:
                return self.conn.execute(sql)
            return self.conn.execute(sql, parameters)
        return self.utils.execute(sql, parameters)

    def atomic(self) -> AbstractContextManager[None]:
        """sqlite-utils' transaction: all or nothing, nested calls become savepoints."""
        return self.utils.atomic()

    def file_path(self) -> Path | None:
        """The file the connection opened, as SQLite resolved it (None: an in-memory one)."""
        row = self.conn.execute("PRAGMA database_list").fetchone()
        return Path(row[2]) if row and row[2] else None

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def close(self) -> None:
        self.conn.close()


_DIRECT = ("SELECT", "PRAGMA", "CREATE", "DROP", "EXPLAIN")


def _is_direct(sql: str) -> bool:
    return sql.lstrip()[:7].upper().startswith(_DIRECT)


def readonly_uri(path: str | PurePath) -> str:
    """An SQLite URI opening *path* read-only: ``sqlite3.connect(readonly_uri(p), uri=True)``.

    The path is percent-encoded: pasted raw into "file:…", a "#" ends the path (KH#93.db opens
    "KH"), a "?" starts the query and "%25" reads as "%". Works for Windows drive paths
    (file:///C:/…) and UNC shares (file:////server/share/…: SQLite refuses any authority but
    an empty one). A concrete path is made absolute first; a pure path is taken as it is.
    """
    p = path if isinstance(path, PurePath) else Path(path)
    if isinstance(p, Path):
        p = p.resolve()
    text = p.as_posix()  # C:/a/b.db, //server/share/b.db, /home/a/b.db
    if not text.startswith("/"):
        text = "/" + text  # a drive letter: /C:/a/b.db
    return "file://" + quote(text, safe="/:") + "?mode=ro"
