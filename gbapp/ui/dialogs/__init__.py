"""Dialogs: message boxes, the welcome screen, settings, the import preview."""
