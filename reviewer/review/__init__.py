"""Review actions as events, the hash chain over them, and its verification."""

from reviewer.review.chain import GENESIS, VerifyResult, event_hash, verify_chain
from reviewer.review.service import ReviewService

__all__ = ["GENESIS", "ReviewService", "VerifyResult", "event_hash", "verify_chain"]
