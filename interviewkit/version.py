"""interviewkit's version: its own module, so that any module can name it without importing
the package's public face (which would import the modules back)."""

__version__ = "0.1.0"
