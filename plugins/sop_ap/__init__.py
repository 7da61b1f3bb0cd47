"""SOP AP registry: model, validation, command line and MkDocs plugin for Indonesian SOP AP documents."""

__version__ = "0.1.0"
