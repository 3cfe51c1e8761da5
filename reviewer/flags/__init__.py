"""Flagging posts against the policy pack.

- ``policy``: load and validate the policy TOML (``load_policy``), version it.
- ``engine``: ``FlagEngine(policy).flag(posts)``, pure, no database access.
- ``normalize``: normalised views of a post with offsets back to the original.
- ``lexicon``: fuzzy term and exact marking matching over tokens.
- ``rules``: one module per implemented rule.

Kept free of imports so that loading a policy does not pull in numpy or rapidfuzz.
"""
