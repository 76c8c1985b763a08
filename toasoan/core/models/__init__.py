from .pages import BasePage, StandardPage
from .settings import AgencySettings, MenuItem

__all__ = ["AgencySettings", "BasePage", "MenuItem", "StandardPage"]
