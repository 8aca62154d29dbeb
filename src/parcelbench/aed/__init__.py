"""Advance electronic data: streaming importers, validation, writers and demo data."""
