"""Hostile input: what a stranger's pull request can put in front of the tool (issue 20)."""
