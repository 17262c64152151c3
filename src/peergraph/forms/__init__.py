"""Site forms: describing a site without writing RDF.

A workbook (``.xlsx``) or commented YAML (``.yaml``) generated from the shapes of
``shapes/forms/site-form.ttl`` (``schema``), read back into a site graph and written from one
(``convert``), and the Turtle template with a site's namespace and name set (``template``).
``files`` holds the entry points by file: ``read_site_form``, ``convert_file``, ``new_site``.
"""
