"""Publishing the graph: release files with a dataset description, upload to a triple store
(``export``), and a read-only SPARQL endpoint on this machine (``serve``)."""
