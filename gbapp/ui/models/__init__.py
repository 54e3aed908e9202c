"""Qt item models over store reads (no SQL here: they call gbapp.store functions)."""
