from .common import ContentBlock
from .leaders import Leader
from .profile import AgencyProfile
from .schedule import ScheduleEntry
from .units import Official, Unit, UnitKind, tel_href

__all__ = ["AgencyProfile", "ContentBlock", "Leader", "Official", "ScheduleEntry", "Unit", "UnitKind", "tel_href"]
