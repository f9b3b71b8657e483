"""The check stage: engines (fast, reference, their limits and formats), a document or a block of
JSON Lines through parse -> verdict -> failures, failures worded and placed at their line:column
as problems, and the undeclared-property warnings beside the verdict.

May use: contracts, inputs, the ground floor.  Imports nothing itself.
"""
