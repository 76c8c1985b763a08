from .field import ProcedureField
from .index import ProcedureIndexPage
from .procedure import Level, ProcedurePage, ServiceLevel

__all__ = ["Level", "ProcedureField", "ProcedureIndexPage", "ProcedurePage", "ServiceLevel"]
