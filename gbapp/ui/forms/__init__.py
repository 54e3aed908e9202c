"""Forms: widgets with `load(obj)` / `value()`; their rules live in plain functions without Qt."""
