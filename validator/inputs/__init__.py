"""What the documents are: sources (files, folders, standard input, JSON Lines) as raw bytes with
their first line, strict RFC 8259 parsing (and what the fast parser may get wrong), text
encodings, the recursion a deep document needs, and JSON Pointer -> line:column.

May use: the ground floor only.  Imports nothing itself.
"""
