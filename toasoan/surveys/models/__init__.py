from .common import Level, Status
from .polls import Poll, PollOption, Vote
from .ratings import Rating, RatingUnit

__all__ = ["Level", "Poll", "PollOption", "Rating", "RatingUnit", "Status", "Vote"]
