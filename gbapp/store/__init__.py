"""Storage: the SQLite schema, its migrations and every query of the app. No Qt here."""

from .database import (
    DamagedDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
    open_database,
    open_reader,
    read_in_own_connection,
)

__all__ = [
    "DatabaseError",
    "DamagedDatabaseError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "StorageError",
    "open_database",
    "open_reader",
    "read_in_own_connection",
]
