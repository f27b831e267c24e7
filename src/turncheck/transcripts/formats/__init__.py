"""Format importers: one module per format, discovered automatically (see ``transcripts/__init__``)."""
