"""Reading SOP files: discovery, YAML with line numbers, validation and the registry of cross-references."""
