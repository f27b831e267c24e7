"""The default bounds on one input, in one light module (the CLI's help shows them without importing the
parsers or the engine). Each has a command-line option and a config key; 0 there means no limit."""

#: ``--max-bytes``: inputs larger than this are refused with an error record
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
#: ``--max-turns``: transcripts with more turns are refused with an error record
DEFAULT_MAX_TURNS = 50_000
#: ``--max-seconds``: a transcript still being checked after this long gets an error record instead
DEFAULT_MAX_SECONDS = 60.0
#: ``turncheck serve --max-body``: a request body larger than this is refused with 413 (a chat is a few KB; a
#: long call's JSON export a few hundred)
DEFAULT_MAX_BODY = 4 * 1024 * 1024
