from .pages import BasePage
from .settings import AgencySettings, MenuItem

__all__ = ["AgencySettings", "BasePage", "MenuItem"]
