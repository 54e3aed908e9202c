"""Storage: the SQLite schema, its migrations and every query of the app. No Qt here."""

from .database import (
    CancellableRead,
    DamagedDatabaseError,
    DatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadCancelled,
    StorageError,
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
