"""Storage: the SQLite schema, its migrations and every query of the app. No Qt here."""

from .database import (
    DamagedDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
    CancellableRead,
    ReadCancelled,
    open_database,
    open_reader,
)

__all__ = [
    "DatabaseError",
    "DamagedDatabaseError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "StorageError",
    "CancellableRead",
    "ReadCancelled",
    "open_database",
    "open_reader",
]
