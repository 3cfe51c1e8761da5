-- Schema version 7: per-rule fingerprints of each policy version.
--
-- rules: {"<rule>": {"detect": "<16 hex>", "severity": "<severity>"}} for every rule the version
-- runs (reviewer/flags/fingerprint.py). `reviewer flag` compares a post's old version with the
-- new one rule by rule: only rules whose detection changed run again, a severity-only change
-- re-grades the flags in place. NULL for versions recorded before this schema: their posts are
-- flagged again with every rule.

ALTER TABLE policy_versions ADD COLUMN rules JSON;
