"""The PySide6 user interface. Widgets and Qt glue only; the rules live in the core packages."""
