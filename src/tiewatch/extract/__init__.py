"""extract stage: sentences, PLOVER events, quotes and quantities from parsed documents."""

# Stored on every Event and Annotation; bump when extraction output changes (#2).
EXTRACTOR_VERSION = "0.1.0"
